package dev.dltrack.tracker.tensorboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dltrack.tracker.Experiment;
import dev.dltrack.tracker.Histogram;
import dev.dltrack.tracker.read.Distribution;
import dev.dltrack.tracker.read.HParamsView;
import dev.dltrack.tracker.read.HistogramPoint;
import dev.dltrack.tracker.read.LogRoot;
import dev.dltrack.tracker.read.RunLog;
import dev.dltrack.tracker.read.ScalarPoint;
import dev.dltrack.tracker.read.TextPoint;
import dev.dltrack.tracker.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reader against what TensorBoard 2.22's HTTP API served for the same event files (written
 * by TensorBoard's Python code and TensorFlow's native writer): runs, tags per plugin, scalar
 * points, histogram buckets, distribution percentiles, text and the HParams table.
 */
class ReaderAgreesWithTensorBoardTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static LogRoot read(String fixture) throws IOException {
    return TensorBoardReader.readLogRoot(Fixtures.dir(fixture));
  }

  private static JsonNode served(String fixture) throws IOException {
    return JSON.readTree(Fixtures.dir(fixture).resolve("tensorboard-reads.json").toFile());
  }

  private static List<String> names(Iterator<String> it) {
    List<String> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"tensorboard", "tensorboard-hparams"})
  void sameRuns(String fixture) throws IOException {
    List<String> servedRuns = new ArrayList<>();
    served(fixture).get("runs").forEach(n -> servedRuns.add(n.asText()));
    assertThat(read(fixture).runs()).extracting(RunLog::name).containsExactlyInAnyOrderElementsOf(servedRuns);
  }

  @ParameterizedTest
  @ValueSource(strings = {"tensorboard", "tensorboard-hparams"})
  void sameScalarSeries(String fixture) throws IOException {
    LogRoot root = read(fixture);
    JsonNode scalars = served(fixture).get("plugins").get("scalars");
    for (RunLog run : root.runs()) {
      JsonNode tags = scalars.get(run.name());
      assertThat(run.scalars().keySet()).containsExactlyInAnyOrderElementsOf(names(tags.fieldNames()));
      for (String tag : run.scalars().keySet()) {
        List<ScalarPoint> points = run.scalars(tag);
        JsonNode t = tags.get(tag);
        assertThat(points).hasSize(t.get("n").asInt());
        assertPoint(points.get(0), t.get("first"));
        assertPoint(points.get(points.size() - 1), t.get("last"));
      }
    }
  }

  private static void assertPoint(ScalarPoint p, JsonNode wallStepValue) {
    assertThat(p.wallTime()).isCloseTo(wallStepValue.get(0).asDouble(), within(1e-6));
    assertThat(p.step()).isEqualTo(wallStepValue.get(1).asLong());
    assertThat(p.value()).isEqualTo(wallStepValue.get(2).asDouble());
  }

  @ParameterizedTest
  @ValueSource(strings = {"tensorboard", "tensorboard-hparams"})
  void sameHistogramsAndDistributions(String fixture) throws IOException {
    LogRoot root = read(fixture);
    JsonNode plugins = served(fixture).get("plugins");
    for (RunLog run : root.runs()) {
      JsonNode hist = plugins.get("histograms").get(run.name());
      JsonNode dist = plugins.get("distributions").get(run.name());
      if (hist == null) {
        assertThat(run.histograms()).isEmpty();
        continue;
      }
      assertThat(run.histograms().keySet()).containsExactlyInAnyOrderElementsOf(names(hist.fieldNames()));
      for (Map.Entry<String, List<HistogramPoint>> e : run.histograms().entrySet()) {
        JsonNode h = hist.get(e.getKey());
        List<HistogramPoint> points = e.getValue();
        Histogram last = points.get(points.size() - 1).histogram();
        assertThat(points).hasSize(h.get("n").asInt());
        assertThat(last.bucketCount()).isEqualTo(h.get("buckets_last").asInt());
        assertThat(last.count()).isEqualTo(h.get("count_last").asDouble());

        JsonNode d = dist.get(e.getKey()).get("last");
        assertThat(points.get(points.size() - 1).step()).isEqualTo(d.get(1).asLong());
        double[] percentiles = Distribution.percentiles(last);
        int[] bps = Distribution.basisPoints();
        JsonNode servedPoints = d.get(2);
        for (int i = 0; i < bps.length; i++) {
          assertThat(servedPoints.get(i).get(0).asInt()).isEqualTo(bps[i]);
          double expected = servedPoints.get(i).get(1).asDouble();
          // TensorBoard holds bucket edges as float32; we keep doubles
          assertThat(percentiles[i])
              .as("%s/%s percentile at %s bp", run.name(), e.getKey(), bps[i])
              .isCloseTo(expected, within(1e-6 * Math.max(1, Math.abs(expected))));
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"tensorboard", "tensorboard-hparams"})
  void sameTextRenderedAsTensorBoardRendersMarkdown(String fixture) throws IOException {
    LogRoot root = read(fixture);
    JsonNode text = served(fixture).get("plugins").get("text");
    Parser parser = Parser.builder().build();
    HtmlRenderer html = HtmlRenderer.builder().build();
    for (RunLog run : root.runs()) {
      JsonNode tags = text.get(run.name());
      if (tags == null) {
        assertThat(run.texts()).isEmpty();
        continue;
      }
      for (Map.Entry<String, List<TextPoint>> e : run.texts().entrySet()) {
        JsonNode t = tags.get(e.getKey());
        TextPoint last = e.getValue().get(e.getValue().size() - 1);
        assertThat(e.getValue()).hasSize(t.get("n").asInt());
        assertThat(last.step()).isEqualTo(t.get("last").get("step").asLong());
        assertThat(html.render(parser.parse(last.markdown())).strip())
            .isEqualTo(t.get("last").get("text").asText());
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"tensorboard", "tensorboard-hparams"})
  void sameHParamsExperiment(String fixture) throws IOException {
    HParamsView view = HParamsView.of(read(fixture).runs()).orElseThrow();
    JsonNode served = served(fixture).get("hparams_experiment");
    List<Experiment.HParam> hparams = view.experiment().hparams();
    JsonNode infos = served.get("hparamInfos");
    assertThat(hparams).hasSize(infos.size());
    for (int i = 0; i < hparams.size(); i++) {
      Experiment.HParam h = hparams.get(i);
      JsonNode info = infos.get(i);
      assertThat(h.name()).isEqualTo(info.get("name").asText());
      assertThat("DATA_TYPE_" + h.type()).isEqualTo(info.get("type").asText());
      assertThat(view.differs(h.name())).as("differs(%s)", h.name()).isEqualTo(info.get("differs").asBoolean());
      if (info.has("domainDiscrete")) {
        List<Object> expected = new ArrayList<>();
        info.get("domainDiscrete").forEach(v -> expected.add(v.asText()));
        assertThat(h.domain()).containsInstanceOf(Experiment.Discrete.class);
        assertThat(((Experiment.Discrete) h.domain().get()).values()).containsExactlyElementsOf(expected);
      } else if (info.has("domainInterval")) {
        Experiment.Interval in = (Experiment.Interval) h.domain().orElseThrow();
        assertThat(in.min()).isEqualTo(info.get("domainInterval").get("minValue").asDouble());
        assertThat(in.max()).isEqualTo(info.get("domainInterval").get("maxValue").asDouble());
      } else {
        assertThat(h.domain()).isEmpty();
      }
    }
    List<String> servedMetrics = new ArrayList<>();
    served.get("metricInfos").forEach(m -> servedMetrics.add(m.get("name").get("tag").asText()));
    assertThat(view.experiment().metrics()).extracting(Experiment.Metric::tag).containsExactlyElementsOf(servedMetrics);
  }

  @ParameterizedTest
  @ValueSource(strings = {"tensorboard", "tensorboard-hparams"})
  void sameHParamsSessionGroups(String fixture) throws IOException {
    HParamsView view = HParamsView.of(read(fixture).runs()).orElseThrow();
    JsonNode served = served(fixture).get("hparams_session_groups").get("sessionGroups");
    assertThat(view.groups()).hasSize(served.size());
    for (int i = 0; i < served.size(); i++) {
      HParamsView.SessionGroup g = view.groups().get(i);
      JsonNode s = served.get(i);
      assertThat(g.name()).isEqualTo(s.get("name").asText());
      s.get("hparams").fields().forEachRemaining(e -> {
        Object v = g.hparams().get(e.getKey());
        if (e.getValue().isNumber()) {
          assertThat(v).isEqualTo(e.getValue().asDouble());
        } else {
          assertThat(v).isEqualTo(e.getValue().asText());
        }
      });
      assertThat(g.hparams()).hasSize(s.get("hparams").size());
      assertMetricValues(g.metricValues(), s.get("metricValues"));
      JsonNode sessions = s.get("sessions");
      assertThat(g.sessions()).hasSize(sessions.size());
      for (int j = 0; j < sessions.size(); j++) {
        HParamsView.SessionRow row = g.sessions().get(j);
        JsonNode sj = sessions.get(j);
        assertThat(row.name()).isEqualTo(sj.get("name").asText());
        assertThat(row.startTime()).isEqualTo(sj.get("startTimeSecs").asDouble());
        assertThat(row.endTime()).isEqualTo(sj.get("endTimeSecs").asDouble());
        assertThat("STATUS_" + row.status()).isEqualTo(sj.get("status").asText());
        assertMetricValues(row.metricValues(), sj.get("metricValues"));
      }
    }
  }

  private static void assertMetricValues(List<HParamsView.MetricValue> actual, JsonNode served) {
    assertThat(actual).hasSize(served.size());
    for (int k = 0; k < served.size(); k++) {
      JsonNode m = served.get(k);
      HParamsView.MetricValue v = actual.get(k);
      assertThat(v.tag()).isEqualTo(m.get("name").get("tag").asText());
      assertThat(v.value()).isEqualTo(m.get("value").asDouble());
      assertThat(v.trainingStep()).isEqualTo(m.get("trainingStep").asLong());
      assertThat(v.wallTime()).isEqualTo(m.get("wallTimeSecs").asDouble());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"tensorboard", "tensorboard-hparams"})
  void fixturesAreSoundForTheIndependentChecker(String fixture) throws Exception {
    dev.dltrack.tracker.testing.TfeventsCheck.assertSound(Path.of(Fixtures.dir(fixture).toString()));
  }
}
