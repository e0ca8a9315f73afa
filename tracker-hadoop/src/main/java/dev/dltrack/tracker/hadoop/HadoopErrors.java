package dev.dltrack.tracker.hadoop;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.NoSuchFileException;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.ipc.RemoteException;
import org.apache.hadoop.ipc.RpcException;
import org.apache.hadoop.security.AccessControlException;

/** What Hadoop's exceptions mean for a store, and messages that name the URI and what to check. */
final class HadoopErrors {
  private static final String ALREADY_BEING_CREATED =
      "org.apache.hadoop.hdfs.protocol.AlreadyBeingCreatedException";
  private static final String SAFE_MODE =
      "org.apache.hadoop.hdfs.server.namenode.SafeModeException";

  private HadoopErrors() {}

  /**
   * Whether a create with {@code overwrite=false} failed because the file exists. A file still
   * being written by its creator (the NameNode's lease) exists too: the NameNode then answers
   * AlreadyBeingCreatedException, which the client leaves wrapped.
   */
  static boolean isAlreadyExists(IOException e) {
    return e instanceof FileAlreadyExistsException
        || isA(e, FileAlreadyExistsException.class.getName())
        || isA(e, ALREADY_BEING_CREATED);
  }

  /** {@code e} wrapped with the operation and the URI. */
  static IOException failed(String operation, URI uri, IOException e) {
    if (e instanceof InterruptedIOException) {
      return e;
    }
    return new IOException(operation + " failed on " + uri + ": " + e.getMessage(), e);
  }

  /** The file {@code uri} is missing, as the store's API reports it. */
  static NoSuchFileException noSuchFile(URI uri, IOException cause) {
    NoSuchFileException e = new NoSuchFileException(uri.toString(), null, "no such object");
    e.initCause(cause);
    return e;
  }

  /** Why {@code uri} cannot be written, and what to check, for {@code LogStore.check}. */
  static IOException checkFailed(URI uri, String user, IOException e) {
    String advice;
    if (e instanceof ConnectException
        || e instanceof NoRouteToHostException
        || e instanceof SocketTimeoutException
        || e instanceof UnknownHostException) {
      advice =
          "cannot reach the file system's server; check the host and port in the URI (or"
              + " fs.defaultFS), that it is running, and that this machine can connect to it";
    } else if (e instanceof RpcException || e instanceof EOFException) {
      advice =
          "the server at this address does not answer as a NameNode; check the port: the"
              + " NameNode's RPC port (often 8020), not its web port (9870)";
    } else if (isA(e, AccessControlException.class.getName())) {
      advice =
          "permission denied for user "
              + user
              + "; check the directory's owner and permissions (hdfs dfs -ls), or the user"
              + " (HADOOP_USER_NAME, Kerberos ticket)";
    } else if (isA(e, SAFE_MODE)) {
      advice =
          "the NameNode is in safe mode (starting, or short of DataNodes) and takes no writes;"
              + " check hdfs dfsadmin -safemode get";
    } else {
      advice = "check the URI and the Hadoop configuration (core-site.xml, HADOOP_CONF_DIR)";
    }
    return new IOException(
        "cannot write to the log root " + uri + ": " + advice + " (" + summary(e) + ")", e);
  }

  /** The exception's class and first line: a server's message goes on with its stack trace. */
  private static String summary(IOException e) {
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    String name = e instanceof RemoteException r ? r.getClassName() : e.getClass().getName();
    return name + ": " + (newline < 0 ? message : message.substring(0, newline));
  }

  /** Whether {@code e} is of the class named, itself or as a server's exception not unwrapped. */
  private static boolean isA(IOException e, String className) {
    return e.getClass().getName().equals(className)
        || (e instanceof RemoteException remote && remote.getClassName().equals(className));
  }
}
