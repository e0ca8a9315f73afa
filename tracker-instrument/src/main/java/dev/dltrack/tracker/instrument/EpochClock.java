package dev.dltrack.tracker.instrument;

import dev.dltrack.tracker.Run;

/**
 * Where epochs begin and end, in steps (iterations: updates applied so far): opens an epoch at its
 * first iteration (or when the framework says so), ends it at most once per step, numbers epochs
 * from 1 and logs {@link Tags#EPOCH}. Remembers the last complete epoch's length.
 */
public final class EpochClock {
  private final Run run;
  private boolean open;
  private long startStep;
  private long lastEndedStep = -1;
  private int epochsEnded;
  private long length;

  EpochClock(Run run, long lengthHint) {
    this.run = run;
    this.length = lengthHint;
  }

  /**
   * Whether an epoch is open.
   *
   * @return whether an epoch has opened and not yet ended
   */
  public boolean isOpen() {
    return open;
  }

  void open(long step) {
    open = true;
    startStep = step;
  }

  /** Closes the epoch without ending it (training stopped in its middle). */
  void abandon() {
    open = false;
  }

  /**
   * Whether an epoch ending at {@code step} would be new, not one already ended there.
   *
   * @param step the step the epoch would end at
   * @return whether no epoch ended at {@code step}
   */
  public boolean canEnd(long step) {
    return step != lastEndedStep;
  }

  /** Ends the epoch at {@code step}: its length is known from here on. */
  void end(long step) {
    open = false;
    length = step - startStep;
  }

  void log(long step, int epochNumber) {
    run.scalar(Tags.EPOCH, step, epochNumber);
  }

  void ended(long step, int epochNumber) {
    epochsEnded = epochNumber;
    lastEndedStep = step;
    startStep = step;
  }

  /**
   * The number of the last epoch ended.
   *
   * @return its number, from 1; 0 before one
   */
  public int epochsEnded() {
    return epochsEnded;
  }

  /**
   * The step the last epoch ended at.
   *
   * @return the step, or -1 before one
   */
  public long lastEndedStep() {
    return lastEndedStep;
  }

  /**
   * The step the current epoch started at.
   *
   * @return the step
   */
  public long startStep() {
    return startStep;
  }

  /**
   * Iterations of the last complete epoch.
   *
   * @return the length; until one has ended, the hint given, or -1
   */
  public long length() {
    return length;
  }
}
