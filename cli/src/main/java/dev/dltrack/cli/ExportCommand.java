package dev.dltrack.cli;

import dev.dltrack.tracker.export.WandbExport;
import dev.dltrack.tracker.read.LogRoot;
import dev.dltrack.tracker.storage.LogStores;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dltrack export}: runs turned into another tool's format; one subcommand per tool. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Turn the runs of a log root into another tool's format.",
    subcommands = {ExportCommand.Wandb.class})
final class ExportCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * {@code dltrack export wandb}: TensorBoard runs as W&amp;B offline runs, through {@link
   * WandbExport}.
   */
  @Command(
      name = "wandb",
      mixinStandardHelpOptions = true,
      versionProvider = Version.class,
      description = {
        "Turn every TensorBoard run of a log root (this tool's, TensorFlow's, PyTorch's"
            + " SummaryWriter's) into a W&B offline run that `wandb sync` uploads: scalars,"
            + " histograms, text, images, PR curves and embeddings as history and media, the"
            + " last values as summary, the hparams as config.",
        "Run NAME goes to OUTPUT/NAME/wandb/offline-run-*/; upload them all with"
            + " `wandb sync OUTPUT/*/wandb/offline-run-*`."
      })
  static final class Wandb implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
        index = "0",
        arity = "0..1",
        paramLabel = "LOGDIR",
        defaultValue = "logs",
        description =
            "Log root: the directory holding the runs' event files, or a store's URI"
                + " (s3://bucket/logs, hdfs://namenode/logs) (default: ${DEFAULT-VALUE}).")
    String logRoot;

    @Option(
        names = "--runs",
        paramLabel = "GLOB",
        description = "Only runs whose name matches GLOB, e.g. 'he-*' (quote it for the shell).")
    String runs;

    @Option(
        names = {"-o", "--output"},
        paramLabel = "DIR",
        description =
            "Where the offline runs go (default: LOGDIR-wandb beside LOGDIR; not inside it, where"
                + " show and compare would take the exports for runs; for a store's LOGDIR, NAME-wandb"
                + " in the current directory, NAME being the URI's last segment).")
    Path output;

    @Option(
        names = "--project",
        paramLabel = "P",
        description =
            "The W&B project written into each run (default: $WANDB_PROJECT, else the account's"
                + " default); `wandb sync --project` overrides it.")
    String project;

    @Option(
        names = "--entity",
        paramLabel = "E",
        description =
            "The W&B entity (user or team) written into each run (default: $WANDB_ENTITY, else"
                + " the account's default); `wandb sync --entity` overrides it.")
    String entity;

    @Option(
        names = "--overwrite",
        description = "Replace runs exported to OUTPUT before (default: refuse).")
    boolean overwrite;

    @Override
    public Integer call() throws IOException {
      Path local;
      Path target = output;
      if (LogStores.isStore(logRoot)) {
        // exported from a local copy; the default output cannot sit beside a URI
        local = LogRoot.read(logRoot).root();
        if (target == null) {
          String path = LogStores.toUri(logRoot).getPath().replaceAll("/+$", "");
          String name = path.isEmpty() ? LogStores.toUri(logRoot).getHost() : path;
          target =
              Path.of(
                  name.substring(name.lastIndexOf('/') + 1) + WandbExport.DEFAULT_OUTPUT_SUFFIX);
        }
      } else {
        local = LogStores.localPath(logRoot);
      }
      WandbExport.Builder request = WandbExport.builder(local).overwrite(overwrite);
      if (runs != null) {
        request.runs(runs);
      }
      if (target != null) {
        request.output(target);
      }
      if (project != null) {
        request.project(project);
      }
      if (entity != null) {
        request.entity(entity);
      }
      WandbExport export = request.build();
      List<WandbExport.ExportedRun> exported = export.export();
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      for (WandbExport.ExportedRun run : exported) {
        out.printf(
            Locale.ROOT, "%s: %d values -> %s%n", run.name(), run.values(), run.offlineRun());
        run.warnings().forEach(w -> err.printf("warning: %s: %s%n", run.name(), w));
      }
      out.printf(
          Locale.ROOT,
          "%d run(s) exported; upload them with: wandb sync %s/*/wandb/offline-run-*%n",
          exported.size(),
          export.output());
      out.flush();
      err.flush();
      return 0;
    }
  }
}
