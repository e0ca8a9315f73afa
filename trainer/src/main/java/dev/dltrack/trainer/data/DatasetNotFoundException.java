package dev.dltrack.trainer.data;

import java.io.IOException;

/**
 * FashionMNIST is in none of the places the loader looked, and downloading it failed or was not
 * attempted. The message lists every place with why it did not qualify, the download failure if any
 * (also the {@linkplain #getCause() cause}), and how to install the data.
 */
public final class DatasetNotFoundException extends IOException {
  DatasetNotFoundException(String message, Throwable cause) {
    super(message, cause);
  }
}
