package dev.dltrack.tracker.tensorboard;

import com.google.protobuf.TextFormat;
import dev.dltrack.tracker.Embedding;
import dev.dltrack.tracker.ImageData;
import dev.dltrack.tracker.internal.SideFiles;
import dev.dltrack.tracker.tensorboard.proto.EmbeddingInfo;
import dev.dltrack.tracker.tensorboard.proto.ProjectorConfig;
import dev.dltrack.tracker.tensorboard.proto.SpriteMetadata;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A run's embeddings as TensorBoard's projector plugin reads them without a TensorFlow checkpoint:
 * {@value #CONFIG} in the run's directory lists every embedding, each with its tensor as a
 * tab-separated file ({@code tensor_path}, {@code tensor_shape}), its metadata file and its sprite
 * sheet, all under {@code projector/<tag>/<step>/}. Tensors are named {@code <tag>:<step>} (step
 * zero-padded to five digits), as tensorboardX names them.
 */
final class ProjectorFiles {
  static final String CONFIG = "projector_config.pbtxt";
  static final String DIR = "projector";
  static final String TENSORS = "tensors.tsv";
  static final String METADATA = "metadata.tsv";
  static final String SPRITE = "sprite.png";

  private final Path runDir;
  private final SideFiles files;
  private final ProjectorConfig.Builder config;

  /**
   * The metadata (header, then rows) of the last metadata file this session wrote, and its path.
   */
  private List<String> lastHeader;

  private List<List<String>> lastRows;
  private String lastMetadataPath;

  /** The sprites of the last sheet this session wrote, and its path relative to the run. */
  private List<ImageData> lastSprites;

  private String lastSpritePath;

  private ProjectorFiles(Path runDir, SideFiles files, ProjectorConfig.Builder config) {
    this.runDir = runDir;
    this.files = files;
    this.config = config;
  }

  /** Opens the run's projector files, keeping the embeddings an earlier session listed. */
  static ProjectorFiles open(Path runDir, SideFiles files) throws IOException {
    return new ProjectorFiles(runDir, files, read(runDir).toBuilder());
  }

  /** The run's projector config; empty if it has none. */
  static ProjectorConfig read(Path runDir) throws IOException {
    Path file = runDir.resolve(CONFIG);
    ProjectorConfig.Builder b = ProjectorConfig.newBuilder();
    if (Files.exists(file)) {
      try {
        TextFormat.getParser().merge(Files.readString(file, StandardCharsets.UTF_8), b);
      } catch (TextFormat.ParseException e) {
        throw new IOException(file + " is not a projector config: " + e.getMessage(), e);
      }
    }
    return b.build();
  }

  static String tensorName(String tag, long step) {
    return tag + ":" + String.format(Locale.ROOT, "%05d", step);
  }

  /** Writes the embedding's files, then the config that lists them. */
  void add(String tag, long step, Embedding e) throws IOException {
    String rel = DIR + "/" + tag + "/" + String.format(Locale.ROOT, "%05d", step) + "/";
    Path dir = runDir.resolve(rel);
    EmbeddingInfo.Builder info =
        EmbeddingInfo.newBuilder()
            .setTensorName(tensorName(tag, step))
            .setTensorPath(rel + TENSORS)
            .addTensorShape(e.size())
            .addTensorShape(e.dimension());
    files.write(dir.resolve(TENSORS), out -> writeTensor(out, e));
    if (e.hasMetadata()) {
      // as the sprites below: the same labels at every step are written once
      if (!e.header().equals(lastHeader) || !e.metadata().equals(lastRows)) {
        files.write(dir.resolve(METADATA), out -> writeMetadata(out, e));
        lastHeader = e.header();
        lastRows = e.metadata();
        lastMetadataPath = rel + METADATA;
      }
      info.setMetadataPath(lastMetadataPath);
    }
    if (!e.sprites().isEmpty()) {
      List<ImageData> sprites = e.sprites();
      // a run usually shows the same inputs at every step: their sheet is drawn and encoded
      // once (hundreds of milliseconds for 1,000 sprites), and later steps point to it
      if (!sprites.equals(lastSprites)) {
        ImageData sheet = ImageData.grid(sprites, Embedding.spritesPerSide(sprites.size()), 0, 0);
        files.write(dir.resolve(SPRITE), sheet.png());
        lastSprites = sprites;
        lastSpritePath = rel + SPRITE;
      }
      info.setSprite(
          SpriteMetadata.newBuilder()
              .setImagePath(lastSpritePath)
              .addSingleImageDim(sprites.get(0).width())
              .addSingleImageDim(sprites.get(0).height()));
    }
    String name = info.getTensorName();
    for (int i = 0; i < config.getEmbeddingsCount(); i++) {
      if (config.getEmbeddings(i).getTensorName().equals(name)) {
        config.removeEmbeddings(i);
        break;
      }
    }
    config.addEmbeddings(info);
    String text = TextFormat.printer().printToString(config.build());
    files.write(runDir.resolve(CONFIG), text.getBytes(StandardCharsets.UTF_8));
  }

  private static void writeTensor(OutputStream out, Embedding e) throws IOException {
    Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.US_ASCII), 1 << 16);
    StringBuilder line = new StringBuilder(e.dimension() * 12);
    for (int i = 0; i < e.size(); i++) {
      float[] v = e.vector(i);
      line.setLength(0);
      for (int j = 0; j < v.length; j++) {
        if (j > 0) {
          line.append('\t');
        }
        // the shortest decimal that reads back as the same float32 (numpy reads it as float32)
        line.append(v[j]);
      }
      line.append('\n');
      w.append(line);
    }
    w.flush();
  }

  private static void writeMetadata(OutputStream out, Embedding e) throws IOException {
    Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    if (!e.header().isEmpty()) {
      w.write(String.join("\t", e.header()));
      w.write('\n');
    }
    for (List<String> row : e.metadata()) {
      w.write(String.join("\t", row));
      w.write('\n');
    }
    w.flush();
  }
}
