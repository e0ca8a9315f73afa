package dev.dltrack.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StatsTest {
  @Test
  void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    assertThat(Stats.of(new double[] {4, 1, 3, 2})).isEqualTo(new Stats(2.5, 1, 4));
  }

  @Test
  void ratiosArePairedByRepetition() {
    assertThat(Stats.ofRatios(new double[] {2, 9, 4}, new double[] {1, 3, 4}))
        .isEqualTo(new Stats(2, 1, 3));
  }

  @Test
  void unpairedSamplesAreRefused() {
    assertThatThrownBy(() -> Stats.ofRatios(new double[] {1, 2}, new double[] {1}))
        .hasMessage("unpaired samples: 2 numerators, 1 denominators");
  }

  @Test
  void numbersKeepThreeSignificantDigits() {
    assertThat(Numbers.format(6_194_321)).isEqualTo("6,190,000");
    assertThat(Numbers.format(0.09487)).isEqualTo("0.0949");
    assertThat(Numbers.format(1.03)).isEqualTo("1.03");
    assertThat(Numbers.format(100)).isEqualTo("100");
  }

  @Test
  void targetsCompareAsTheySay() {
    assertThat(Target.atLeast(1).metBy(1)).isTrue();
    assertThat(Target.atMost(1.03).metBy(1.031)).isFalse();
    assertThat(Target.below(1).metBy(1)).isFalse();
    assertThat(Target.atMost(1.03)).hasToString("≤ 1.03");
  }
}
