package org.peakpilot.monitoring.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Turns one known, harmless error of the embedded broker into a warning without a stack trace. Artemis 2.53 logs
 * {@code AMQ834001: Error disconnecting client} with a {@link NullPointerException} ("this.callback" is null) when an
 * MQTT connection closes while its session is still being set up: the session's consumers have no callback yet when
 * they are told to disconnect. Artemis then goes on and removes the client as usual (ARTEMIS-1952 fixed a sibling of
 * this race). The application's subscribers meet it when they connect and disconnect at once (the probe for a
 * session left behind, {@code MqttIngest}), now and then on a loaded machine (CI of 2026-12-07,
 * {@code MqttStartupLogTests}). Any other Artemis error, and this one with any other exception, is logged as it was.
 */
final class ArtemisDisconnectRace extends TurboFilter {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedMqttBroker.class);
	private static final String MQTT_LOGGERS = "org.apache.activemq.artemis.core.protocol.mqtt";

	@Override
	public FilterReply decide(Marker marker, ch.qos.logback.classic.Logger logger, Level level, String format, Object[] params, Throwable t) {
		Throwable thrown = t;
		if (thrown == null && params != null && params.length > 0 && params[params.length - 1] instanceof Throwable last) {
			thrown = last; // logged as error(format, args..., exception)
		}
		if (!matches(logger.getName(), level, format, thrown)) {
			return FilterReply.NEUTRAL;
		}
		log.warn("The embedded MQTT broker closed a connection during its session's setup (Artemis AMQ834001, a known race, harmless)");
		return FilterReply.DENY;
	}

	static boolean matches(String logger, Level level, String format, Throwable t) {
		return level == Level.ERROR && logger.startsWith(MQTT_LOGGERS) && format != null && format.startsWith("AMQ834001")
				&& t instanceof NullPointerException npe && npe.getMessage() != null && npe.getMessage().contains("callback");
	}

	/** Installs the filter once into Logback (if Logback is the logging back end); returns it, or null. */
	static ArtemisDisconnectRace install() {
		ILoggerFactory factory = LoggerFactory.getILoggerFactory();
		if (!(factory instanceof LoggerContext context)) {
			return null;
		}
		synchronized (context) {
			for (TurboFilter f : context.getTurboFilterList()) {
				if (f instanceof ArtemisDisconnectRace installed) {
					return installed;
				}
			}
			ArtemisDisconnectRace filter = new ArtemisDisconnectRace();
			filter.setName("artemis-disconnect-race");
			filter.start();
			context.addTurboFilter(filter);
			return filter;
		}
	}
}
