package dev.dltrack.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TurnsTest {
  @Test
  void everySubjectIsMeasuredOncePerRepetitionInARotatingOrder() {
    List<String> order = new ArrayList<>();
    Map<String, double[]> samples =
        Turns.take(
            List.of("a", "b", "c"),
            2,
            (s, rep) -> {
              order.add(s + rep);
              return order.size();
            });

    assertThat(order).containsExactly("a0", "b0", "c0", "b1", "c1", "a1");
    assertThat(samples).containsOnlyKeys("a", "b", "c");
    assertThat(samples.get("a")).containsExactly(1, 6);
    assertThat(samples.get("b")).containsExactly(2, 4);
  }
}
