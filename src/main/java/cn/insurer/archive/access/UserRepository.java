package cn.insurer.archive.access;

import java.util.Optional;

public interface UserRepository {

    Optional<User> find(String username);

    void add(User user);

    long count();
}
