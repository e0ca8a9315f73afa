package dev.dltrack.tracker.internal;

import dev.dltrack.tracker.spi.RunRecord;
import java.io.IOException;
import java.util.List;

/**
 * Where a run's records go: the {@link AsyncRecordWriter} in front of the run's sinks, or {@link
 * #NONE} for a run that writes nothing.
 */
public interface RecordWriter {
  /**
   * Takes a record to write.
   *
   * @param record the record
   */
  void submit(RunRecord record);

  /**
   * Waits until every record submitted before this call is written and flushed.
   *
   * @throws IOException if a sink failed
   */
  void flush() throws IOException;

  /**
   * Writes what was submitted, then {@code last} and {@code end}, and releases the sinks. Called
   * once.
   *
   * @param last records to write before the end
   * @param end the run's end
   * @throws IOException if a sink failed
   */
  void close(List<RunRecord> last, RunRecord.End end) throws IOException;

  /**
   * Writes nothing, opens nothing and starts no thread. The run in front of it checks that it is
   * open before it submits anything.
   */
  RecordWriter NONE =
      new RecordWriter() {
        @Override
        public void submit(RunRecord record) {}

        @Override
        public void flush() {}

        @Override
        public void close(List<RunRecord> last, RunRecord.End end) {}

        @Override
        public String toString() {
          return "RecordWriter.NONE";
        }
      };
}
