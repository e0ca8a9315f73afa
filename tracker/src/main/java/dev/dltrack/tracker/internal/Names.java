package dev.dltrack.tracker.internal;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks run names and tags. Run names become directories under the log root, so anything that
 * could leave it is refused. Tags become TensorBoard tags: a tag that could be read as a path out
 * of the run is refused, characters TensorBoard does not accept are replaced by {@code _} with one
 * warning per tag.
 */
public final class Names {
  private static final Logger log = LoggerFactory.getLogger(Names.class);

  /** What TensorBoard's own summary code replaces in tags. */
  private static final Pattern INVALID_TAG_CHARS =
      Pattern.compile("[^-/\\w.]", Pattern.UNICODE_CHARACTER_CLASS);

  private final Map<String, String> cleanTags = new ConcurrentHashMap<>();

  /** The first tag that was logged under each clean tag, to notice two that become one. */
  private final Map<String, String> firstOriginal = new ConcurrentHashMap<>();

  /** Returns {@code name} if it is a safe run directory name, else throws. */
  public static String checkRunName(String name) {
    checkArgument(name != null && !name.isBlank(), "run name must not be blank: '%s'", name);
    checkArgument(
        !name.equals(".") && !name.equals(".."), "run name escapes the log root: %s", name);
    checkArgument(
        name.indexOf('/') < 0 && name.indexOf('\\') < 0,
        "run name must not contain a path separator (it names one directory under the log root): %s",
        name);
    checkArgument(name.indexOf('\0') < 0, "run name must not contain NUL: %s", name);
    checkArgument(
        name.equals(name.strip()), "run name must not start or end with a space: '%s'", name);
    return name;
  }

  /**
   * The tag TensorBoard will accept for {@code tag}; cached, so cheap on the logging path. Two
   * different tags that become the same ({@code a b} and {@code a:b} are both {@code a_b}) would
   * merge into one series: the second one is warned about once, naming both.
   */
  public String cleanTag(String tag) {
    String clean = cleanTags.get(tag);
    return clean != null ? clean : cleanTags.computeIfAbsent(tag, this::firstClean);
  }

  private String firstClean(String tag) {
    String clean = clean(tag);
    String first = firstOriginal.putIfAbsent(clean, tag);
    if (first != null && !first.equals(tag)) {
      log.warn(
          "tags '{}' and '{}' are both logged as '{}' (TensorBoard accepts only letters, digits,"
              + " '_', '-', '.' and '/'): their values go into one series; rename one of them",
          first,
          tag,
          clean);
    }
    return clean;
  }

  private static String clean(String tag) {
    checkArgument(tag != null && !tag.isBlank(), "tag must not be blank: '%s'", tag);
    checkArgument(
        !tag.startsWith("/") && !tag.startsWith("\\"), "tag must not be an absolute path: %s", tag);
    for (String part : tag.split("[/\\\\]", -1)) {
      checkArgument(!part.equals(".."), "tag escapes the run: %s", tag);
    }
    String clean = INVALID_TAG_CHARS.matcher(tag).replaceAll("_");
    if (!clean.equals(tag)) {
      log.warn(
          "tag '{}' has characters TensorBoard does not accept; logging it as '{}'", tag, clean);
    }
    return clean;
  }
}
