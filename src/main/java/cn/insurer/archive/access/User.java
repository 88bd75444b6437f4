package cn.insurer.archive.access;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/** A person who signs in to the archive, with their roles, clearance and department. */
@Entity
@Table(name = "app_user")
public class User {

    @Id
    private String username;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private SecurityLevel clearance;

    private String department;

    private String email;

    @Column(nullable = false)
    private boolean enabled;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "app_user_role", joinColumns = @JoinColumn(name = "username"))
    @Enumerated(EnumType.STRING)
    @Column(name = "role")
    private Set<Role> roles = EnumSet.noneOf(Role.class);

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected User() {
    }

    public User(String username, String displayName, String passwordHash, Set<Role> roles,
                SecurityLevel clearance, String department, Instant at) {
        this.username = username;
        this.displayName = displayName;
        this.passwordHash = passwordHash;
        this.roles = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
        this.clearance = clearance;
        this.department = department;
        this.enabled = true;
        this.createdAt = at;
        this.updatedAt = createdAt;
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }

    /** Whether the user's roles grant the permission. */
    public boolean may(Permission permission) {
        return permission.grantedTo(this);
    }

    public void changeRoles(Set<Role> newRoles, Instant at) {
        roles.clear();
        roles.addAll(newRoles);
        updatedAt = at;
    }

    public void changeClearance(SecurityLevel newClearance, Instant at) {
        clearance = newClearance;
        updatedAt = at;
    }

    public void moveToDepartment(String newDepartment, Instant at) {
        department = newDepartment;
        updatedAt = at;
    }

    public void changeDisplayName(String newDisplayName, Instant at) {
        displayName = newDisplayName;
        updatedAt = at;
    }

    public void changePasswordHash(String newHash, Instant at) {
        passwordHash = newHash;
        updatedAt = at;
    }

    public void changeEmail(String newEmail, Instant at) {
        email = newEmail;
        updatedAt = at;
    }

    public void setEnabled(boolean enabled, Instant at) {
        this.enabled = enabled;
        updatedAt = at;
    }

    public String username() {
        return username;
    }

    public String displayName() {
        return displayName;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public SecurityLevel clearance() {
        return clearance;
    }

    public String department() {
        return department;
    }

    public String email() {
        return email;
    }

    public boolean enabled() {
        return enabled;
    }

    public Set<Role> roles() {
        return roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
