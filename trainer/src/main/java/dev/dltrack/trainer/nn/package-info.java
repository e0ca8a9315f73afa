/**
 * DL4J layers for the study that compute what DL4J's own {@link
 * org.deeplearning4j.nn.conf.layers.DenseLayer} and {@link
 * org.deeplearning4j.nn.conf.layers.OutputLayer} compute, bit for bit, with fewer matrix products
 * per training iteration: {@link dev.dltrack.trainer.nn.ReusingDenseLayer} and {@link
 * dev.dltrack.trainer.nn.ReusingOutputLayer}.
 */
package dev.dltrack.trainer.nn;
