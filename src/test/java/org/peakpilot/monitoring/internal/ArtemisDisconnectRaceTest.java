package org.peakpilot.monitoring.internal;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** Only Artemis' known disconnect race is turned into a warning; every other error stays an error with its trace. */
class ArtemisDisconnectRaceTest {

	static final String MQTT_LOGGER = "org.apache.activemq.artemis.core.protocol.mqtt.MQTTLogger_impl";
	static final NullPointerException RACE = new NullPointerException(
			"Cannot invoke \"org.apache.activemq.artemis.spi.core.protocol.SessionCallback.disconnect(org.apache.activemq.artemis.core.server.ServerConsumer, String)\" because \"this.callback\" is null");

	@Test
	void onlyTheKnownRaceMatches() {
		assertThat(ArtemisDisconnectRace.matches(MQTT_LOGGER, Level.ERROR, "AMQ834001: Error disconnecting client.", RACE)).isTrue();
		assertThat(ArtemisDisconnectRace.matches(MQTT_LOGGER, Level.ERROR, "AMQ834001: Error disconnecting client.", new NullPointerException("x")))
			.isFalse();
		assertThat(ArtemisDisconnectRace.matches(MQTT_LOGGER, Level.ERROR, "AMQ834001: Error disconnecting client.", new IllegalStateException("callback")))
			.isFalse();
		assertThat(ArtemisDisconnectRace.matches(MQTT_LOGGER, Level.ERROR, "AMQ834001: Error disconnecting client.", null)).isFalse();
		assertThat(ArtemisDisconnectRace.matches(MQTT_LOGGER, Level.ERROR, "AMQ834002: something else", RACE)).isFalse();
		assertThat(ArtemisDisconnectRace.matches("org.peakpilot.monitoring", Level.ERROR, "AMQ834001: Error disconnecting client.", RACE)).isFalse();
	}

	@Test
	void theRaceIsLoggedAsAWarningWithoutTraceAndOtherErrorsAsBefore() {
		ArtemisDisconnectRace.install();
		assertThat(ArtemisDisconnectRace.install()).as("installed once").isSameAs(ArtemisDisconnectRace.install());
		Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		ListAppender<ILoggingEvent> events = new ListAppender<>();
		events.start();
		root.addAppender(events);
		try {
			org.slf4j.Logger artemis = LoggerFactory.getLogger(MQTT_LOGGER);
			artemis.error("AMQ834001: Error disconnecting client.", RACE);
			artemis.error("AMQ834001: Error disconnecting client.", new IllegalStateException("another cause"));
		}
		finally {
			root.detachAppender(events);
		}
		List<ILoggingEvent> logged = List.copyOf(events.list);
		assertThat(logged).hasSize(2);
		assertThat(logged.get(0).getLevel()).isEqualTo(Level.WARN);
		assertThat(logged.get(0).getLoggerName()).isEqualTo(EmbeddedMqttBroker.class.getName());
		assertThat(logged.get(0).getThrowableProxy()).isNull();
		assertThat(logged.get(1).getLevel()).isEqualTo(Level.ERROR);
		assertThat(logged.get(1).getThrowableProxy().getMessage()).isEqualTo("another cause");
	}
}
