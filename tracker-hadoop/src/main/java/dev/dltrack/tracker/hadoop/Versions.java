package dev.dltrack.tracker.hadoop;

import java.util.Locale;
import org.apache.hadoop.fs.EtagSource;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.hdfs.protocol.HdfsFileStatus;

/**
 * The version of a file, what {@code replaceIf} compares. On HDFS it names the file's inode id: a
 * replace renames a new file (a new inode) over the old one, so two versions of a key never share
 * an id, even when written in the same millisecond with the same length, which modification time
 * and length alone could not tell apart. Appending keeps the inode but changes the length. Object
 * stores give an ETag; other file systems fall back to modification time and length.
 */
final class Versions {
  private Versions() {}

  static String of(FileStatus status) {
    long length = status.getLen();
    long modified = status.getModificationTime();
    if (status instanceof HdfsFileStatus hdfs) {
      return String.format(Locale.ROOT, "id%d-t%d-n%d", hdfs.getFileId(), modified, length);
    }
    if (status instanceof EtagSource tagged && tagged.getEtag() != null) {
      return String.format(Locale.ROOT, "etag%s-n%d", tagged.getEtag(), length);
    }
    return String.format(Locale.ROOT, "t%d-n%d", modified, length);
  }
}
