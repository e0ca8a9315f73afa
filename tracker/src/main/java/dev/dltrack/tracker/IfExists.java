package dev.dltrack.tracker;

/**
 * What opening a run does when its directory already holds one (see {@link Run#exists}): the one
 * policy for existing runs, from the command line's {@code --overwrite} down to {@link
 * Run.Builder#ifExists}.
 */
public enum IfExists {
  /** Refuse with {@link RunExistsException}, naming the run and what to do: the default. */
  FAIL,
  /**
   * Append to it: new event files beside the old ones, new rows after the old W&amp;B history. For
   * continuing a run that stopped, with steps that carry on where it stopped.
   */
  RESUME,
  /** Delete everything in its directory first and write the run anew. */
  OVERWRITE
}
