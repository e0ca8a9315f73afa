package dev.dltrack.compare.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Losses and errors are better low, anything else high, unless {@code :min} or {@code :max}. */
class MetricGoalFollowsTheTagNameTest {
  @Test
  void lossesAndErrorsAreMinimizedEverythingElseMaximized() {
    assertThat(Goal.forTag("val/loss")).isEqualTo(Goal.MIN);
    assertThat(Goal.forTag("train/batch_loss")).isEqualTo(Goal.MIN);
    assertThat(Goal.forTag("test/top1_Error")).isEqualTo(Goal.MIN);
    assertThat(Goal.forTag("val/accuracy")).isEqualTo(Goal.MAX);
    assertThat(Goal.forTag("layer0/dead_relu_fraction")).isEqualTo(Goal.MAX);
  }

  @Test
  void aSuffixOverridesTheName() {
    assertThat(MetricSpec.parse("val/perplexity:min"))
        .isEqualTo(new MetricSpec("val/perplexity", Goal.MIN));
    assertThat(MetricSpec.parse("val/loss:MAX")).isEqualTo(new MetricSpec("val/loss", Goal.MAX));
    assertThat(MetricSpec.parse("val/loss")).isEqualTo(new MetricSpec("val/loss", Goal.MIN));
  }

  @Test
  void anyOtherColonIsPartOfTheTag() {
    assertThat(MetricSpec.parse("eval:top5")).isEqualTo(new MetricSpec("eval:top5", Goal.MAX));
  }

  @Test
  void aBlankTagIsRefusedNamingWhatWasGiven() {
    assertThatThrownBy(() -> MetricSpec.parse(":min"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("metric tag must not be blank: ':min' (write TAG or TAG:min)");
    assertThatThrownBy(() -> MetricSpec.parse(" ")).hasMessage("metric tag must not be blank: ' '");
  }

  @Test
  void theDefaultsAreWhatTheStudyLogs() {
    assertThat(MetricSpec.DEFAULTS)
        .containsExactly(
            new MetricSpec("val/accuracy", Goal.MAX),
            new MetricSpec("val/loss", Goal.MIN),
            new MetricSpec("test/accuracy", Goal.MAX));
  }
}
