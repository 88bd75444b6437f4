package cn.insurer.archive.it;

import java.io.File;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Deploys the WAR the build produced, unchanged, into the provisioned WildFly, and talks to it over
 * HTTP as the archive's clients do.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public abstract class ServerTestBase {

    @Deployment(testable = false)
    public static WebArchive archive() {
        return ShrinkWrap.createFromZipFile(WebArchive.class,
                new File(System.getProperty("archive.war", "target/archive.war")));
    }

    /** Every exchange the test had with /api through {@link ApiClient} is one the served OpenAPI document describes. */
    @AfterEach
    void exchangesFollowTheContract() {
        assertContract();
    }

    /** The same for what a class's last steps (and its @AfterAll) exchanged. */
    @AfterAll
    static void lastExchangesFollowTheContract() {
        assertContract();
    }

    private static void assertContract() {
        ContractCheck.assertFollowed();
    }

    protected static ApiClient admin() {
        return ApiClient.as("admin", System.getProperty("it.admin.password"));
    }

    protected static ApiClient anonymous() {
        return ApiClient.as(null, null);
    }
}
