package org.peakpilot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** PeakPilot (碳达峰试点管理平台): one modular monolith, one package per capability of the pilot plan. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class PeakPilotApplication {

	public static void main(String[] args) {
		SpringApplication.run(PeakPilotApplication.class, args);
	}
}
