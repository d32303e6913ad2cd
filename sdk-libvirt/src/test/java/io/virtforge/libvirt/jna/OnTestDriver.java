package io.virtforge.libvirt.jna;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.libvirt.Connect;

/** A test with a fresh {@link TestDriver} session per test method, closed (and leak-checked) after it. */
abstract class OnTestDriver {
    /** The session, open during each test. */
    TestDriver driver;
    /** The session's libvirt-java connection. */
    Connect conn;

    @BeforeEach
    void openTestDriver() throws Exception {
        driver = TestDriver.open();
        conn = driver.conn();
    }

    @AfterEach
    void closeTestDriver() throws Exception {
        if (driver != null) {
            driver.close();
        }
    }
}
