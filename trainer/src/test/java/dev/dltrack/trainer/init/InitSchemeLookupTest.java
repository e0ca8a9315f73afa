package dev.dltrack.trainer.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InitSchemeLookupTest {
  @Test
  void listsEverySchemeInTheStudysOrder() {
    assertThat(InitScheme.all())
        .extracting(InitScheme::name)
        .containsExactly(
            "zeros",
            "ones",
            "uniform",
            "uniform-rule",
            "normal-rule",
            "default",
            "xavier-normal",
            "he-normal",
            "he-uniform",
            "lecun-normal",
            "orthogonal",
            "lsuv");
  }

  @Test
  void findsEverySchemeByItsName() {
    for (InitScheme scheme : InitScheme.all()) {
      assertThat(InitScheme.byName(scheme.name())).isSameAs(scheme);
    }
  }

  @Test
  void describesEveryScheme() {
    assertThat(InitScheme.all())
        .allSatisfy(scheme -> assertThat(scheme.description()).isNotBlank());
    assertThat(InitScheme.byName("he-normal")).hasToString("he-normal");
  }

  @Test
  void anUnknownNameListsTheValidOnes() {
    assertThatThrownBy(() -> InitScheme.byName("glorot"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unknown initialization scheme 'glorot'; valid names: zeros, ones, uniform,"
                + " uniform-rule, normal-rule, default, xavier-normal, he-normal, he-uniform,"
                + " lecun-normal, orthogonal, lsuv");
  }
}
