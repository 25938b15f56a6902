package org.peakpilot.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The companions of the demo switch {@code peakpilot.demo.enabled}, see {@code application.properties}.
 *
 * @param allowExternalDatabase {@code PEAKPILOT_DEMO_ALLOW_EXTERNAL_DATABASE}: also load into a configured external
 *                              database; for throwaway databases only
 * @param password              {@code PEAKPILOT_DEMO_PASSWORD}: the demo users' password; empty means a random
 *                              one, printed once in the log
 */
@ConfigurationProperties("peakpilot.demo")
record DemoSettings(boolean allowExternalDatabase, String password) {

	DemoSettings {
		password = password == null ? "" : password;
	}
}
