package dev.dltrack.tracker.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dltrack.testsupport.TensorBoard;
import dev.dltrack.tracker.Experiment;
import dev.dltrack.tracker.Histogram;
import dev.dltrack.tracker.read.Distribution;
import dev.dltrack.tracker.read.HParamsView;
import dev.dltrack.tracker.read.HistogramPoint;
import dev.dltrack.tracker.read.LogRoot;
import dev.dltrack.tracker.read.RunLog;
import dev.dltrack.tracker.read.ScalarPoint;
import dev.dltrack.tracker.read.TextPoint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Asserts that real TensorBoard serves, for a log directory, what our reader reads from it:
 * the same runs, every scalar point, every histogram's buckets, the distributions' percentiles,
 * the texts (markdown rendered as TensorBoard renders it) and the HParams table. A reader that
 * agrees with TensorBoard on files written by TensorBoard is right; a writer whose files
 * TensorBoard serves as our reader reads them is right.
 *
 * <p>Start the server with {@link #ALL_SAMPLES}, so TensorBoard serves every point instead of a
 * sample.
 */
public final class TensorBoardAgreement {
  /**
   * TensorBoard flags that keep every point of every plugin, so series compare whole. Not
   * {@code scalars=0} ("keep all" in TensorBoard's docs): with the pure-Python loader that serves
   * no tensor scalar at all (TensorBoard 2.22); a cap far above any test's series does.
   */
  public static final String ALL_SAMPLES =
      "--samples_per_plugin scalars=1000000,histograms=1000000,distributions=1000000,"
          + "text=1000000,images=1000000,pr_curves=1000000";

  /** TensorBoard's text plugin renders markdown with Python-Markdown's tables extension. */
  private static final List<org.commonmark.Extension> MARKDOWN_EXTENSIONS =
      List.of(TablesExtension.create());
  private static final Parser MARKDOWN = Parser.builder().extensions(MARKDOWN_EXTENSIONS).build();
  private static final HtmlRenderer HTML =
      HtmlRenderer.builder().extensions(MARKDOWN_EXTENSIONS).build();

  private TensorBoardAgreement() {}

  /** Starts TensorBoard on {@code logDir} keeping every point ({@link #ALL_SAMPLES}). */
  public static TensorBoard serveAll(Path logDir) {
    return TensorBoard.serve(logDir, ALL_SAMPLES);
  }

  /** Everything below. */
  public static void assertAgrees(TensorBoard tb, LogRoot root) {
    assertSameRuns(tb, root);
    assertSameScalars(tb, root);
    assertSameHistograms(tb, root);
    assertSameDistributions(tb, root);
    assertSameTexts(tb, root);
    assertSameHParams(tb, root);
  }

  public static void assertSameRuns(TensorBoard tb, LogRoot root) {
    assertThat(tb.runs())
        .as("runs TensorBoard found in %s", root.root())
        .containsExactlyInAnyOrderElementsOf(root.runs().stream().map(RunLog::name).toList());
  }

  /** Tags of {@code run} in {@code plugin}'s tags answer (a map per run, or a list per run). */
  public static Set<String> tags(JsonNode tagsAnswer, String run) {
    Set<String> tags = new LinkedHashSet<>();
    JsonNode forRun = tagsAnswer.get(run);
    if (forRun == null) {
      return tags;
    }
    if (forRun.isArray()) {
      forRun.forEach(t -> tags.add(t.asText()));
    } else {
      forRun.fieldNames().forEachRemaining(tags::add);
    }
    return tags;
  }

  public static void assertSameScalars(TensorBoard tb, LogRoot root) {
    JsonNode tags = tb.get("/data/plugin/scalars/tags");
    for (RunLog run : root.runs()) {
      assertThat(tags(tags, run.name()))
          .as("scalar tags of %s", run.name())
          .containsExactlyInAnyOrderElementsOf(run.scalars().keySet());
      for (String tag : run.scalars().keySet()) {
        JsonNode served = tb.get("/data/plugin/scalars/scalars", "run", run.name(), "tag", tag);
        assertSameSeries(run.name() + "/" + tag, run.scalars(tag), served);
      }
    }
  }

  /** {@code served} is TensorBoard's {@code [[wall_time, step, value], ...]}. */
  public static void assertSameSeries(String what, List<ScalarPoint> ours, JsonNode served) {
    assertThat(served).as("points of %s", what).hasSize(ours.size());
    for (int i = 0; i < ours.size(); i++) {
      ScalarPoint p = ours.get(i);
      JsonNode s = served.get(i);
      assertThat(p.wallTime()).as("%s[%d] wall time", what, i).isCloseTo(s.get(0).asDouble(), within(1e-6));
      assertThat(p.step()).as("%s[%d] step", what, i).isEqualTo(s.get(1).asLong());
      assertThat(Double.valueOf(p.value()))
          .as("%s[%d] value", what, i)
          .isEqualTo(Double.valueOf(s.get(2).asDouble()));
    }
  }

  public static void assertSameHistograms(TensorBoard tb, LogRoot root) {
    JsonNode tags = tb.get("/data/plugin/histograms/tags");
    for (RunLog run : root.runs()) {
      assertThat(tags(tags, run.name()))
          .as("histogram tags of %s", run.name())
          .containsExactlyInAnyOrderElementsOf(run.histograms().keySet());
      for (Map.Entry<String, List<HistogramPoint>> e : run.histograms().entrySet()) {
        String what = run.name() + "/" + e.getKey();
        JsonNode served =
            tb.get("/data/plugin/histograms/histograms", "run", run.name(), "tag", e.getKey());
        List<HistogramPoint> ours = e.getValue();
        assertThat(served).as("points of %s", what).hasSize(ours.size());
        for (int i = 0; i < ours.size(); i++) {
          JsonNode s = served.get(i);
          assertThat(ours.get(i).step()).as("%s[%d] step", what, i).isEqualTo(s.get(1).asLong());
          assertThat(ours.get(i).wallTime()).isCloseTo(s.get(0).asDouble(), within(1e-6));
          assertSameBuckets(what + "[" + i + "]", ours.get(i).histogram(), s.get(2));
        }
      }
    }
  }

  /**
   * TensorBoard serves buckets as float32 {@code [left, right, count]}; for a legacy
   * HistogramProto it drops empty buckets at both ends and puts min and max at the outer edges.
   */
  private static void assertSameBuckets(String what, Histogram ours, JsonNode served) {
    int start = 0;
    int end = ours.bucketCount() - 1;
    while (start <= end && ours.bucketCount(start) == 0) {
      start++;
    }
    while (end >= start && ours.bucketCount(end) == 0) {
      end--;
    }
    List<JsonNode> nonEmpty = new ArrayList<>();
    served.forEach(nonEmpty::add);
    // a tensor histogram is served as written, empty end buckets included
    while (!nonEmpty.isEmpty() && nonEmpty.get(0).get(2).asDouble() == 0) {
      nonEmpty.remove(0);
    }
    while (!nonEmpty.isEmpty() && nonEmpty.get(nonEmpty.size() - 1).get(2).asDouble() == 0) {
      nonEmpty.remove(nonEmpty.size() - 1);
    }
    assertThat(nonEmpty).as("%s non-empty buckets", what).hasSize(Math.max(0, end - start + 1));
    for (int b = start; b <= end; b++) {
      JsonNode s = nonEmpty.get(b - start);
      assertThat(s.get(2).asDouble())
          .as("%s bucket %d count", what, b)
          .isEqualTo((float) ours.bucketCount(b));
      float left = (float) s.get(0).asDouble();
      float right = (float) s.get(1).asDouble();
      if (b > start) {
        assertThat(left).as("%s bucket %d left", what, b).isEqualTo((float) ours.edge(b));
      } else {
        assertThat(left).as("%s first left edge", what).isIn((float) ours.edge(b), (float) ours.min());
      }
      if (b < end) {
        assertThat(right).as("%s bucket %d right", what, b).isEqualTo((float) ours.edge(b + 1));
      } else {
        assertThat(right).as("%s last right edge", what).isIn((float) ours.edge(b + 1), (float) ours.max());
      }
    }
  }

  public static void assertSameDistributions(TensorBoard tb, LogRoot root) {
    JsonNode tags = tb.get("/data/plugin/distributions/tags");
    int[] bps = Distribution.basisPoints();
    for (RunLog run : root.runs()) {
      assertThat(tags(tags, run.name())).containsExactlyInAnyOrderElementsOf(run.histograms().keySet());
      for (Map.Entry<String, List<HistogramPoint>> e : run.histograms().entrySet()) {
        String what = run.name() + "/" + e.getKey();
        JsonNode served =
            tb.get("/data/plugin/distributions/distributions", "run", run.name(), "tag", e.getKey());
        assertThat(served).as("distribution points of %s", what).hasSize(e.getValue().size());
        for (int i = 0; i < served.size(); i++) {
          HistogramPoint p = e.getValue().get(i);
          JsonNode s = served.get(i);
          assertThat(p.step()).isEqualTo(s.get(1).asLong());
          double[] percentiles = Distribution.percentiles(p.histogram());
          JsonNode sp = s.get(2);
          assertThat(sp).hasSize(bps.length);
          for (int k = 0; k < bps.length; k++) {
            assertThat(sp.get(k).get(0).asInt()).isEqualTo(bps[k]);
            double expected = sp.get(k).get(1).asDouble();
            // TensorBoard holds bucket edges as float32; we keep doubles
            assertThat(percentiles[k])
                .as("%s[%d] percentile at %d bp", what, i, bps[k])
                .isCloseTo(expected, within(1e-6 * Math.max(1, Math.abs(expected))));
          }
        }
      }
    }
  }

  public static void assertSameTexts(TensorBoard tb, LogRoot root) {
    JsonNode tags = tb.get("/data/plugin/text/tags");
    for (RunLog run : root.runs()) {
      assertThat(tags(tags, run.name()))
          .as("text tags of %s", run.name())
          .containsExactlyInAnyOrderElementsOf(run.texts().keySet());
      for (Map.Entry<String, List<TextPoint>> e : run.texts().entrySet()) {
        String what = run.name() + "/" + e.getKey();
        JsonNode served = tb.get("/data/plugin/text/text", "run", run.name(), "tag", e.getKey());
        assertThat(served).as("texts of %s", what).hasSize(e.getValue().size());
        for (int i = 0; i < served.size(); i++) {
          TextPoint p = e.getValue().get(i);
          JsonNode s = served.get(i);
          assertThat(p.step()).as("%s[%d] step", what, i).isEqualTo(s.get("step").asLong());
          assertThat(p.wallTime()).isCloseTo(s.get("wall_time").asDouble(), within(1e-6));
          assertThat(HTML.render(MARKDOWN.parse(p.markdown())).strip())
              .as("%s[%d] as TensorBoard renders it", what, i)
              .isEqualTo(s.get("text").asText().strip());
        }
      }
    }
  }

  /**
   * TensorBoard's HParams experiment and session groups equal our {@link HParamsView}. An
   * inferred discrete domain is ordered by Python's string hash, so it compares as a set; which
   * hparams differ compares where TensorBoard infers the experiment (a declared one is served as
   * declared).
   */
  public static void assertSameHParams(TensorBoard tb, LogRoot root) {
    var maybeView = HParamsView.of(root.runs());
    JsonNode served = tb.hparamsExperiment();
    if (maybeView.isEmpty()) {
      assertThat(served.path("hparamInfos")).as("hparams TensorBoard infers").isEmpty();
      return;
    }
    HParamsView view = maybeView.get();
    List<Experiment.HParam> hparams = view.experiment().hparams();
    JsonNode infos = served.get("hparamInfos");
    // TensorBoard lists hparams that differ first, then by name; we keep the declared order
    Map<String, JsonNode> infoByName = new HashMap<>();
    infos.forEach(info -> infoByName.put(info.get("name").asText(), info));
    assertThat(infoByName.keySet())
        .as("hparams served: %s", infos)
        .containsExactlyInAnyOrderElementsOf(hparams.stream().map(Experiment.HParam::name).toList());
    for (Experiment.HParam h : hparams) {
      JsonNode info = infoByName.get(h.name());
      assertThat("DATA_TYPE_" + h.type()).as("type of %s", h.name()).isEqualTo(info.get("type").asText());
      if (view.inferred()) {
        // a declared experiment is served as declared, and a declaration says nothing of
        // which hparams differ: TensorBoard computes differs only when it infers
        assertThat(view.differs(h.name()))
            .as("differs(%s)", h.name())
            .isEqualTo(info.path("differs").asBoolean(false));
      }
      if (info.has("domainDiscrete")) {
        List<Object> expected = new ArrayList<>();
        info.get("domainDiscrete").forEach(v -> expected.add(v.isNumber() ? v.asDouble() : v.isBoolean() ? v.asBoolean() : v.asText()));
        assertThat(h.domain()).containsInstanceOf(Experiment.Discrete.class);
        List<Object> ours = ((Experiment.Discrete) h.domain().get()).values();
        if (view.inferred()) {
          assertThat(ours).as("domain of %s", h.name()).containsExactlyInAnyOrderElementsOf(expected);
        } else {
          assertThat(ours).as("domain of %s", h.name()).containsExactlyElementsOf(expected);
        }
      } else if (info.has("domainInterval")) {
        Experiment.Interval in = (Experiment.Interval) h.domain().orElseThrow();
        assertThat(in.min()).isEqualTo(info.get("domainInterval").get("minValue").asDouble());
        assertThat(in.max()).isEqualTo(info.get("domainInterval").get("maxValue").asDouble());
      } else {
        assertThat(h.domain()).as("domain of %s", h.name()).isEmpty();
      }
    }
    List<String> servedMetrics = new ArrayList<>();
    served.get("metricInfos").forEach(m -> servedMetrics.add(m.get("name").get("tag").asText()));
    assertThat(view.experiment().metrics())
        .extracting(Experiment.Metric::tag)
        .containsExactlyInAnyOrderElementsOf(servedMetrics);

    JsonNode groups = tb.hparamsSessionGroups().get("sessionGroups");
    Map<String, JsonNode> byName = new HashMap<>();
    groups.forEach(g -> byName.put(g.get("name").asText(), g));
    assertThat(byName.keySet())
        .as("session groups")
        .containsExactlyInAnyOrderElementsOf(view.groups().stream().map(HParamsView.SessionGroup::name).toList());
    for (HParamsView.SessionGroup g : view.groups()) {
      JsonNode s = byName.get(g.name());
      s.get("hparams").properties().forEach(e -> {
        Object v = g.hparams().get(e.getKey());
        JsonNode sv = e.getValue();
        Object expected = sv.isNumber() ? (Object) sv.asDouble() : sv.isBoolean() ? sv.asBoolean() : sv.asText();
        assertThat(v).as("group %s hparam %s", g.name(), e.getKey()).isEqualTo(expected);
      });
      assertThat(g.hparams()).as("hparams of group %s", g.name()).hasSize(s.get("hparams").size());
      assertMetricValues(g.name(), g.metricValues(), s.get("metricValues"));
      JsonNode sessions = s.get("sessions");
      assertThat(g.sessions()).hasSize(sessions.size());
      for (int j = 0; j < sessions.size(); j++) {
        HParamsView.SessionRow row = g.sessions().get(j);
        JsonNode sj = sessions.get(j);
        assertThat(row.name()).isEqualTo(sj.get("name").asText());
        assertThat(row.startTime()).isCloseTo(sj.get("startTimeSecs").asDouble(), within(1e-6));
        assertThat(row.endTime()).isCloseTo(sj.get("endTimeSecs").asDouble(), within(1e-6));
        assertThat("STATUS_" + row.status()).as("status of %s", row.name()).isEqualTo(sj.get("status").asText());
        assertMetricValues(row.name(), row.metricValues(), sj.get("metricValues"));
      }
    }
  }

  private static void assertMetricValues(String what, List<HParamsView.MetricValue> ours, JsonNode served) {
    Map<String, JsonNode> byTag = new HashMap<>();
    served.forEach(m -> byTag.put(m.get("name").get("tag").asText(), m));
    assertThat(ours).extracting(HParamsView.MetricValue::tag)
        .as("metric values of %s", what)
        .containsExactlyInAnyOrderElementsOf(byTag.keySet());
    for (HParamsView.MetricValue v : ours) {
      JsonNode m = byTag.get(v.tag());
      assertThat(Double.valueOf(v.value())).as("%s %s", what, v.tag()).isEqualTo(Double.valueOf(m.get("value").asDouble()));
      assertThat(v.trainingStep()).isEqualTo(m.get("trainingStep").asLong());
      assertThat(v.wallTime()).isCloseTo(m.get("wallTimeSecs").asDouble(), within(1e-6));
    }
  }
}
