/**
 * {@code ./dltrack sweep --spark MASTER}: the study's sweep on Apache Spark, each (scheme, seed)
 * one task. The driver ({@link dev.dltrack.sweep.spark.SparkSweep}) ships the code, DL4J's natives
 * and the data to the executors, feeds the console's progress from the tasks' accumulators while
 * they train, and, without shared storage, writes each finished run that comes back into its log
 * root, checked whole ({@link dev.dltrack.sweep.spark.RunFiles}).
 */
package dev.dltrack.sweep.spark;
