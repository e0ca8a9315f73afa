/**
 * What comparing runs computes, independent of how it is shown: per run the final and best value of
 * each metric and the train/validation gap ({@link dev.dltrack.compare.model.RunSummary}), runs
 * differing only by seed grouped with the statistics of each metric ({@link
 * dev.dltrack.compare.model.SeedGroup}, {@link dev.dltrack.compare.model.SampleStatistics}), and
 * how groups differ ({@link dev.dltrack.compare.model.GroupDifference}: the t test of the
 * difference, paired by seed or Welch's, {@link dev.dltrack.compare.model.DifferenceTest}, with
 * Holm's correction, {@link dev.dltrack.compare.model.HolmCorrection}); all in {@link
 * dev.dltrack.compare.model.Comparison}.
 */
package dev.dltrack.compare.model;
