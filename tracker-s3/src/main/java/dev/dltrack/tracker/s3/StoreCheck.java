package dev.dltrack.tracker.s3;

import java.io.IOException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The message of a failed {@link S3LogStore#check()}: what is wrong with the log root, and what to
 * check, since this is what a user sees when a run does not open.
 */
final class StoreCheck {
  private StoreCheck() {}

  /** An IOException naming the root, the endpoint and what to fix, for HeadBucket's failure. */
  static IOException failure(S3Location location, S3ClientSettings settings, SdkException e) {
    String root = location.rootUri();
    String endpoint = settings.describeEndpoint();
    String bucket = "'" + location.bucket() + "'";
    int status = S3Errors.status(e);
    String message;
    if (status == S3Errors.NOT_FOUND) {
      message =
          "bucket "
              + bucket
              + " does not exist at endpoint "
              + endpoint
              + "; create it or fix the URI "
              + root;
    } else if (status == 403 || status == 401) {
      message =
          "credentials refused by endpoint "
              + endpoint
              + " for "
              + root
              + " ("
              + S3Errors.describe(e)
              + "); check AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (or AWS_PROFILE) and that they"
              + " may use bucket "
              + bucket;
    } else if (status == 301 || (status == 400 && settings.endpoint().isEmpty())) {
      message =
          "bucket "
              + bucket
              + " of "
              + root
              + " is not in region "
              + settings.region()
              + " ("
              + S3Errors.describe(e)
              + "); set its region (option s3.region or AWS_REGION)";
    } else if (status != 0) {
      message =
          "endpoint " + endpoint + " refused HeadBucket for " + root + ": " + S3Errors.describe(e);
    } else if (String.valueOf(e.getMessage()).contains("Unable to load credentials")) {
      message =
          "no AWS credentials found for "
              + root
              + " at endpoint "
              + endpoint
              + "; set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE";
    } else {
      message =
          "cannot reach endpoint "
              + endpoint
              + " for "
              + root
              + (e instanceof ApiCallTimeoutException
                  ? " within " + S3LogStore.CHECK_TIMEOUT.toSeconds() + " s"
                  : "")
              + " ("
              + S3Errors.describe(e)
              + "); check the endpoint (option s3.endpoint, AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL,"
              + " S3_ENDPOINT), that the server runs, and the network";
    }
    return new IOException(message, e);
  }
}
