/**
 * FashionMNIST for the study, read straight from the four IDX {@code .gz} files: finding them
 * ({@link dev.dltrack.trainer.data.FashionMnistLocator}), downloading them when nothing local has
 * them ({@link dev.dltrack.trainer.data.FashionMnistDownloader}), reading and checking them ({@link
 * dev.dltrack.trainer.data.FashionMnistLoader}), the seeded train/validation/test split ({@link
 * dev.dltrack.trainer.data.FashionMnistSplits}) and a DL4J iterator over a split ({@link
 * dev.dltrack.trainer.data.FashionMnistIterator}).
 */
package dev.dltrack.trainer.data;
