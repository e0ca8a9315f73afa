package dev.dltrack.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ImageData#grid} lays tiles out as {@code torchvision.utils.make_grid} does: {@code
 * columns} per row, {@code padding} pixels around and between them; and images convert to and from
 * {@link BufferedImage} and PNG without changing a pixel.
 */
class ImageGridTilesAsMakeGridDoesTest {
  private static ImageData tile(int level) {
    byte[] px = new byte[3 * 2];
    java.util.Arrays.fill(px, (byte) level);
    return ImageData.ofBytes(3, 2, 1, px);
  }

  @Test
  void tilesGoRowByRowWithPaddingAroundAndBetween() {
    List<ImageData> tiles = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      tiles.add(tile(i * 10));
    }
    ImageData g = ImageData.grid(tiles, 3, 2, 255);
    // make_grid: height = rows * (h + padding) + padding, width = cols * (w + padding) + padding
    assertThat(g.height()).isEqualTo(2 * (3 + 2) + 2);
    assertThat(g.width()).isEqualTo(3 * (2 + 2) + 2);
    assertThat(g.level(0, 0, 0)).isEqualTo(255);
    assertThat(g.level(2, 2, 0)).as("tile 0, top left").isEqualTo(10);
    assertThat(g.level(4, 3, 0)).as("tile 0, bottom right").isEqualTo(10);
    assertThat(g.level(2, 4, 0)).as("padding between tiles").isEqualTo(255);
    assertThat(g.level(2, 6, 0)).as("tile 1").isEqualTo(20);
    assertThat(g.level(7, 2, 0)).as("tile 3 starts the second row").isEqualTo(40);
    assertThat(g.level(7, 6, 0)).as("tile 4").isEqualTo(50);
    assertThat(g.level(7, 10, 0)).as("no tile 5: padding").isEqualTo(255);
  }

  @Test
  void tilesOfTwoSizesAreRefusedNamingTheOddOne() {
    ImageData small = ImageData.ofBytes(2, 2, 1, new byte[4]);
    ImageData tall = ImageData.ofBytes(3, 2, 1, new byte[6]);
    assertThatThrownBy(() -> ImageData.grid(List.of(small, small, tall), 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("grid tiles must have one size: tile 0 is 2x2 grey, tile 2 is 3x2 grey");
  }

  @Test
  void fewerTilesThanColumnsMakeOneShortRow() {
    ImageData g = ImageData.grid(List.of(tile(1), tile(2)), 8);
    assertThat(g.width()).isEqualTo(2 * (2 + 2) + 2);
    assertThat(g.height()).isEqualTo(3 + 4);
  }

  @Test
  void weightTilesKeepZeroAtMidGrey() {
    float[][] units = {new float[784], new float[784]};
    units[1][0] = -0.5f;
    units[1][1] = 0.5f;
    List<ImageData> tiles = ImageData.tiles(units, 28, 28, PixelRange.symmetric(0.5));
    assertThat(tiles.get(0).level(5, 5, 0)).isEqualTo(128);
    assertThat(tiles.get(1).level(0, 0, 0)).isZero();
    assertThat(tiles.get(1).level(0, 1, 0)).isEqualTo(255);
    assertThat(PixelRange.symmetricAround(new float[] {0, 0})).isEqualTo(PixelRange.of(-1, 1));
  }

  @Test
  void bufferedImagesAndPngsRoundTripEveryKind() throws Exception {
    for (int channels : new int[] {1, 3, 4}) {
      byte[] px = new byte[4 * 5 * channels];
      for (int i = 0; i < px.length; i++) {
        px[i] = (byte) (i * 37);
      }
      ImageData im = ImageData.ofBytes(4, 5, channels, px);
      assertThat(ImageData.of(im.toBufferedImage()))
          .as("%s channels via BufferedImage", channels)
          .isEqualTo(im);
      assertThat(ImageData.fromPng(im.png())).as("%s channels via PNG", channels).isEqualTo(im);
    }
    BufferedImage rgb = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
    rgb.setRGB(1, 0, 0x123456);
    ImageData fromInt = ImageData.of(rgb);
    assertThat(fromInt.describe()).isEqualTo("1x2 RGB");
    assertThat(new int[] {fromInt.level(0, 1, 0), fromInt.level(0, 1, 1), fromInt.level(0, 1, 2)})
        .containsExactly(0x12, 0x34, 0x56);
  }
}
