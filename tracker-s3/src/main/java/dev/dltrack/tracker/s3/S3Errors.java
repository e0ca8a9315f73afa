package dev.dltrack.tracker.s3;

import java.io.IOException;
import java.net.ConnectException;
import java.util.Locale;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** Turns the SDK's unchecked exceptions into the {@link IOException}s the storage SPI promises. */
final class S3Errors {
  /** HTTP 404: no such bucket or key. */
  static final int NOT_FOUND = 404;

  /** HTTP 412: a conditional write's condition failed. */
  static final int PRECONDITION_FAILED = 412;

  /** HTTP 409: a conditional write raced another on the same key; S3 asks to retry it. */
  static final int CONFLICT = 409;

  private S3Errors() {}

  /** The HTTP status of a service error, or 0 for a client-side failure (no answer). */
  static int status(SdkException e) {
    return e instanceof AwsServiceException s ? s.statusCode() : 0;
  }

  /**
   * Whether a request got no answer from a server that was reached: no HTTP status, and not a
   * connection that could not be made.
   */
  static boolean unanswered(SdkException e) {
    if (status(e) != 0) {
      return false;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException) {
        return false;
      }
    }
    return true;
  }

  /** The S3 error code ({@code NoSuchKey}, {@code PreconditionFailed}), or "" when none. */
  static String code(SdkException e) {
    if (e instanceof AwsServiceException s && s.awsErrorDetails() != null) {
      String code = s.awsErrorDetails().errorCode();
      return code == null ? "" : code;
    }
    return "";
  }

  /**
   * An IOException for a failed {@code operation} on {@code uri}: {@code "PutObject s3://b/k
   * failed: HTTP 403 AccessDenied: ..."}.
   */
  static IOException failed(String operation, String uri, SdkException e) {
    return new IOException(operation + " " + uri + " failed: " + describe(e), e);
  }

  /** What went wrong, in one line: the status and code of a service error, else the cause. */
  static String describe(SdkException e) {
    if (e instanceof AwsServiceException s) {
      String code = code(e);
      String message = s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorMessage();
      return String.format(
          Locale.ROOT,
          "HTTP %d%s%s",
          s.statusCode(),
          code.isEmpty() ? "" : " " + code,
          message == null ? "" : ": " + message);
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root + ")";
  }
}
