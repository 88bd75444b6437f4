package cn.insurer.archive.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

@ApplicationScoped
public class ClusterSettings {

    @Inject
    @ConfigProperty(name = "archive.leader.poll.seconds", defaultValue = "3")
    int leaderPollSeconds;

    /** How often a node checks that it still leads, or tries to lead; a dead leader is replaced within this. */
    public int leaderPollSeconds() {
        return Math.max(1, leaderPollSeconds);
    }
}
