/**
 * W&amp;B's classic run files — {@code wandb-history.jsonl}, {@code wandb-summary.json}, {@code
 * config.yaml}, {@code wandb-metadata.json} — written by {@link
 * dev.dltrack.tracker.wandb.WandbSink} into {@code <run>/wandb/} and read back by {@link
 * dev.dltrack.tracker.wandb.WandbRuns}.
 */
package dev.dltrack.tracker.wandb;
