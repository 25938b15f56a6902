package org.peakpilot.platform;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * On a database without users, creates the city administrator {@code admin}: with the password from
 * {@code PEAKPILOT_ADMIN_PASSWORD}, or with a random one printed once in the log. No default password exists.
 */
@Component
@Order(0)
class AdministratorBootstrap implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(AdministratorBootstrap.class);

	private final UserAccounts accounts;
	private final String configuredPassword;
	private final StartupLock startup;

	AdministratorBootstrap(UserAccounts accounts, @Value("${PEAKPILOT_ADMIN_PASSWORD:}") String configuredPassword,
			StartupLock startup) {
		this.accounts = accounts;
		this.startup = startup;
		this.configuredPassword = configuredPassword;
	}

	/** Two instances starting at once: the second waits for the first and finds the administrator (issue 16). */
	@Override
	public void run(ApplicationArguments args) {
		startup.exclusively("platform.administrator", this::createIfNoUsers);
	}

	private void createIfNoUsers() {
		if (accounts.countUsers() > 0) {
			return;
		}
		if (!configuredPassword.isEmpty()) {
			if (configuredPassword.length() < UserAccounts.MIN_PASSWORD_LENGTH) {
				throw new IllegalStateException("PEAKPILOT_ADMIN_PASSWORD needs at least " + UserAccounts.MIN_PASSWORD_LENGTH + " characters");
			}
			accounts.createInitialAdministrator("admin", configuredPassword);
			log.info("Created the city administrator 'admin' with the password from PEAKPILOT_ADMIN_PASSWORD");
			return;
		}
		String password = UserAccounts.randomPassword();
		accounts.createInitialAdministrator("admin", password);
		log.warn("""

				============================================================
				 Created the city administrator. Sign in as:
				   user name: admin
				   password:  {}
				 This password is shown only once. Change it after signing in.
				============================================================""", password);
	}

}
