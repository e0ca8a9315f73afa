/**
 * The weight-initialization schemes of the study, each applicable to a user's own initialized DL4J
 * {@link org.deeplearning4j.nn.multilayer.MultiLayerNetwork}: see {@link
 * dev.dltrack.trainer.init.InitScheme}.
 */
package dev.dltrack.trainer.init;
