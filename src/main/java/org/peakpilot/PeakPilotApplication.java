package org.peakpilot;

import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** PeakPilot (碳达峰试点管理平台): one modular monolith, one package per capability of the pilot plan. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class PeakPilotApplication {

	/** The process's exit code when the application did not start. */
	static final int START_FAILED = 1;

	/**
	 * Starts the application. A start that fails ends the process with {@link #START_FAILED} (issue 16): Spring
	 * Boot has logged the cause and closed the context (which stops the embedded PostgreSQL and broker), but threads
	 * that are no daemons (a broker's or MQTT client's) could otherwise keep a process without HTTP alive for
	 * minutes, where a supervisor should restart it. System.exit still runs the shutdown hooks.
	 */
	public static void main(String[] args) {
		try {
			SpringApplication.run(PeakPilotApplication.class, args);
		}
		catch (Throwable ex) {
			LoggerFactory.getLogger(PeakPilotApplication.class).error("PeakPilot did not start ({}); exiting with code {}",
					ex.toString(), START_FAILED);
			System.exit(START_FAILED);
		}
	}
}
