package dev.dltrack.tracker;

/** What opening a run does with a directory that already holds one. */
enum IfExists {
  /** Refuse, naming the run and what to do: the default. */
  FAIL,
  /** Append to it ({@code Run.Builder.resume()}). */
  APPEND,
  /** Delete its contents first ({@code Run.Builder.overwrite()}). */
  REPLACE
}
