/**
 * Log roots on any file system Hadoop is configured for, HDFS first: {@link
 * dev.dltrack.tracker.hadoop.HadoopLogStoreProvider} serves {@code hdfs://}, {@code viewfs://},
 * {@code webhdfs://}, {@code s3a://}, {@code gs://} and {@code abfs(s)://} log roots with a {@link
 * dev.dltrack.tracker.hadoop.HadoopLogStore}.
 */
package dev.dltrack.tracker.hadoop;
