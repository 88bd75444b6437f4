package cn.insurer.archive.access;

import java.util.List;
import java.util.Optional;

public interface UserRepository {

    Optional<User> find(String username);

    void add(User user);

    /** Whether a user of this name exists in any mix of upper and lower case. */
    boolean existsIgnoringCase(String username);

    long count();

    /**
     * Waits until no other node is creating the first user, for the rest of the transaction: nodes
     * started together on an empty database must not both create the bootstrap administrator.
     */
    void lockFirstUser();

    /** Users in name order, for the administrators' list. */
    List<User> list(int first, int size);
}
