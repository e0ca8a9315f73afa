/**
 * Log roots on S3 and S3-compatible object stores ({@code s3://bucket/prefix}): a {@link
 * dev.dltrack.tracker.storage.LogStoreProvider} for the {@code s3} scheme, built on the AWS SDK for
 * Java v2 with the JDK's HTTP client.
 */
package dev.dltrack.tracker.s3;
