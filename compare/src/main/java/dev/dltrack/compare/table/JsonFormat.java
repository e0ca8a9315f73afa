package dev.dltrack.compare.table;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dltrack.compare.model.Comparison;
import dev.dltrack.compare.model.DifferenceTest;
import dev.dltrack.compare.model.GroupDifference;
import dev.dltrack.compare.model.MetricDifference;
import dev.dltrack.compare.model.MetricSpec;
import dev.dltrack.compare.model.MetricSummary;
import dev.dltrack.compare.model.RunSummary;
import dev.dltrack.compare.model.SampleStatistics;
import dev.dltrack.compare.model.SeedGroup;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The comparison as one JSON object: {@code metrics}, {@code differingHParams}, {@code runs} (in
 * the table's order; left out unless every table is shown), {@code groups}, {@code differences}
 * (each group against the one it is compared with, per metric the t test of the difference),
 * {@code statements} (the sentences for people) and {@code notes}. Values are exact; NaN and infinities, which JSON lacks,
 * are the strings {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"}; missing values are
 * null.
 */
final class JsonFormat {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonFormat() {}

  static void write(ComparisonView view, PrintWriter out) {
    Comparison c = view.comparison();
    ObjectNode root = MAPPER.createObjectNode();
    ArrayNode metrics = root.putArray("metrics");
    c.metrics().forEach(m -> metrics.addObject().put("tag", m.tag()).put("goal", m.goal().toString()));
    ArrayNode differing = root.putArray("differingHParams");
    c.differingHParams().forEach(differing::add);
    if (view.showsRuns()) {
      ArrayNode runs = root.putArray("runs");
      view.runs().rows().forEach(r -> run(r, runs.addObject()));
    }
    ArrayNode groups = root.putArray("groups");
    c.groups().forEach(g -> group(g, c, groups.addObject()));
    ArrayNode differences = root.putArray("differences");
    c.differences().forEach(d -> difference(d, differences.addObject()));
    ArrayNode statements = root.putArray("statements");
    c.bestVersusRest().ifPresent(statements::add);
    c.pairStatement().ifPresent(statements::add);
    ArrayNode notes = root.putArray("notes");
    c.notes().forEach(notes::add);
    try {
      out.println(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("a comparison could not be written as JSON", e);
    }
    out.flush();
  }

  private static void run(RunSummary r, ObjectNode node) {
    node.put("name", r.name());
    node.put("group", r.group().isEmpty() ? null : r.group());
    node.put("status", r.status().map(s -> s.name().toLowerCase(Locale.ROOT)).orElse(null));
    number(node, "wallTime", r.wallTime());
    node.set("hparams", MAPPER.valueToTree(r.hparams()));
    ObjectNode metrics = node.putObject("metrics");
    for (MetricSummary m : r.metrics()) {
      ObjectNode mn = metrics.putObject(m.metric().tag());
      number(mn, "final", m.finalValue());
      mn.put("finalStep", m.last().map(p -> p.step()).orElse(null));
      number(mn, "best", m.bestValue());
      mn.put("bestStep", m.best().map(p -> p.step()).orElse(null));
      number(mn, "gap", m.gap());
    }
  }

  private static void group(SeedGroup g, Comparison c, ObjectNode node) {
    node.put("name", g.name());
    ArrayNode runs = node.putArray("runs");
    g.runs().forEach(runs::add);
    ObjectNode metrics = node.putObject("metrics");
    for (int i = 0; i < c.metrics().size(); i++) {
      MetricSpec m = c.metrics().get(i);
      SampleStatistics s = g.statistics(i);
      ObjectNode sn = metrics.putObject(m.tag());
      sn.put("n", s.n());
      number(sn, "mean", s.n() > 0 ? OptionalDouble.of(s.mean()) : OptionalDouble.empty());
      number(sn, "sd", s.n() > 1 ? OptionalDouble.of(s.standardDeviation()) : OptionalDouble.empty());
      Optional<ArrayNode> ci =
          s.ci95().map(interval -> MAPPER.createArrayNode().add(interval.low()).add(interval.high()));
      sn.set("ci95", ci.orElse(null));
    }
  }

  private static void difference(GroupDifference d, ObjectNode node) {
    node.put("group", d.group());
    node.put("vs", d.reference());
    node.put("test", d.design().name().toLowerCase(Locale.ROOT));
    ObjectNode metrics = node.putObject("metrics");
    for (MetricDifference m : d.metrics()) {
      ObjectNode mn = metrics.putObject(m.tag());
      Optional<DifferenceTest> t = m.test();
      number(mn, "difference", t.map(x -> OptionalDouble.of(x.difference())).orElse(OptionalDouble.empty()));
      mn.set("ci95", t.map(x -> (JsonNode) MAPPER.createArrayNode().add(x.ci95().low()).add(x.ci95().high())).orElse(null));
      mn.put("n1", t.map(DifferenceTest::n1).orElse(null));
      mn.put("n2", t.map(DifferenceTest::n2).orElse(null));
      number(mn, "df", t.map(x -> OptionalDouble.of(x.degreesOfFreedom())).orElse(OptionalDouble.empty()));
      number(mn, "p", t.map(x -> OptionalDouble.of(x.p())).orElse(OptionalDouble.empty()));
      number(mn, "pHolm", m.adjustedP());
      mn.put("significant", m.significant());
      mn.put("reason", t.isPresent() ? null : m.reason());
    }
  }

  private static void number(ObjectNode node, String field, OptionalDouble value) {
    if (value.isPresent()) {
      node.put(field, value.getAsDouble());
    } else {
      node.putNull(field);
    }
  }
}
