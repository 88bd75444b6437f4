package cn.insurer.archive.platform;

/**
 * Whether this node is the one that runs the work that must run on one node at a time (sweeps,
 * custody checks, audit checkpoints). Declared here, below every feature, so that features ask it
 * without depending on how the nodes agree; {@code cluster.Leadership} decides.
 */
public interface Leader {

    boolean leads();
}
