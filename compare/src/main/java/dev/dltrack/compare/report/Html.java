package dev.dltrack.compare.report;

import com.google.common.escape.Escaper;
import com.google.common.html.HtmlEscapers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** Escaping for the report's HTML, its embedded JSON, and its Content-Security-Policy hashes. */
final class Html {
  private static final Escaper TEXT = HtmlEscapers.htmlEscaper();

  private Html() {}

  /** {@code text} safe as element content and as a quoted attribute value. */
  static String escape(String text) {
    return TEXT.escape(text);
  }

  /**
   * JSON safe inside a {@code <script>} element: no {@code </script>} or {@code <!--} can end or
   * confuse it, since {@code <}, {@code >} and {@code &} become JSON's Unicode escapes (backslash,
   * u, 003c for the first) (they can only stand inside JSON strings, so the data reads the same).
   * U+2028 and U+2029, line ends to older JavaScript, are escaped too.
   */
  static String scriptJson(String json) {
    StringBuilder out = new StringBuilder(json.length() + 64);
    for (int i = 0; i < json.length(); i++) {
      char ch = json.charAt(i);
      switch (ch) {
        case '<' -> out.append("\\u003c");
        case '>' -> out.append("\\u003e");
        case '&' -> out.append("\\u0026");
        case '\u2028' -> out.append("\\u2028");
        case '\u2029' -> out.append("\\u2029");
        default -> out.append(ch);
      }
    }
    return out.toString();
  }

  /**
   * The Content-Security-Policy source that allows exactly the inline script {@code script}: {@code
   * 'sha256-<base64>'}. A script injected into the page has another hash and does not run.
   */
  static String scriptHash(String script) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8));
      return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
