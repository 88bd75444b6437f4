package cn.insurer.archive.access.oidc;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

@ApplicationScoped
public class OidcSettings {

    @Inject
    @ConfigProperty(name = "archive.oidc.issuer")
    Optional<String> oidcIssuer;

    @Inject
    @ConfigProperty(name = "archive.oidc.client.id")
    Optional<String> oidcClientId;

    @Inject
    @ConfigProperty(name = "archive.oidc.client.secret")
    Optional<String> oidcClientSecret;

    @Inject
    @ConfigProperty(name = "archive.oidc.username.claim", defaultValue = "preferred_username")
    String oidcUsernameClaim;

    @Inject
    @ConfigProperty(name = "archive.oidc.redirect.uri")
    Optional<String> oidcRedirectUri;

    @Inject
    @ConfigProperty(name = "archive.oidc.scopes", defaultValue = "openid profile")
    String oidcScopes;

    /** The OpenID provider the web desk may sign in through; without it only the archive's own passwords work. */
    public Optional<String> oidcIssuer() {
        return oidcIssuer.map(String::trim).filter(issuer -> !issuer.isEmpty()).filter(issuer -> oidcClientId().isPresent());
    }

    public Optional<String> oidcClientId() {
        return oidcClientId.map(String::trim).filter(id -> !id.isEmpty());
    }

    /** Absent for a public client, which then proves itself with PKCE alone. */
    public Optional<String> oidcClientSecret() {
        return oidcClientSecret.filter(secret -> !secret.isBlank());
    }

    /** The ID token claim that names the archive user. */
    public String oidcUsernameClaim() {
        return oidcUsernameClaim;
    }

    /** Where the provider sends the browser back; by default derived from the request, which a proxy may hide. */
    public Optional<String> oidcRedirectUri() {
        return oidcRedirectUri.map(String::trim).filter(uri -> !uri.isEmpty());
    }

    public String oidcScopes() {
        return oidcScopes.contains("openid") ? oidcScopes : "openid " + oidcScopes;
    }
}
