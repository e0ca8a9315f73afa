package dev.dltrack.compare;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.regex.PatternSyntaxException;

/**
 * A shell glob over run names ({@code he-*}, {@code *-s[123]}), matched as a path: run names of
 * nested run directories hold a {@code /}, which {@code *} does not cross and {@code **} does.
 */
final class RunGlob {
  private final String glob;
  private final PathMatcher matcher;

  private RunGlob(String glob, PathMatcher matcher) {
    this.glob = glob;
    this.matcher = matcher;
  }

  static RunGlob of(String glob) {
    try {
      return new RunGlob(glob, FileSystems.getDefault().getPathMatcher("glob:" + glob));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "--runs '" + glob + "' is not a glob (" + e.getDescription() + "); write one like 'he-*'",
          e);
    }
  }

  boolean matches(String runName) {
    return matcher.matches(Path.of(runName));
  }

  @Override
  public String toString() {
    return glob;
  }
}
