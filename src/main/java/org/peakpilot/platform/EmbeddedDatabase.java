package org.peakpilot.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The embedded default: a real PostgreSQL started in-process from Maven Central binaries, data kept under
 * {@code peakpilot.embedded-database.directory} (default {@code ./data}). Used only when no
 * {@code spring.datasource.url} is configured; production sets that URL and this class stays out of the way.
 * Unlike the library's test defaults, fsync and synchronous commit stay on: this is data a user keeps.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabase.NoDataSourceUrl.class)
class EmbeddedDatabase {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

	@ConfigurationProperties("peakpilot.embedded-database")
	record Settings(Path directory, int port) {
		Settings {
			directory = directory == null ? Path.of("data") : directory;
		}
	}

	@Bean(destroyMethod = "close")
	EmbeddedPostgres embeddedPostgres(Settings settings) {
		Path base = settings.directory().toAbsolutePath();
		try {
			Files.createDirectories(base.resolve("runtime"));
			// a kill -9 of the last run may have left its PostgreSQL running on the folder (StalePostmaster)
			StalePostmaster.recover(base.resolve("postgres"));
			long started = System.nanoTime();
			EmbeddedPostgres pg = EmbeddedPostgres.builder()
				.setDataDirectory(base.resolve("postgres"))
				.setCleanDataDirectory(false)
				.setOverrideWorkingDirectory(base.resolve("runtime").toFile())
				.setServerConfig("fsync", "on")
				.setServerConfig("synchronous_commit", "on")
				.setServerConfig("full_page_writes", "on")
				.setPort(settings.port())
				.start();
			log.info("Embedded PostgreSQL started on port {} with data in {} ({} ms)", pg.getPort(),
					base.resolve("postgres"), (System.nanoTime() - started) / 1_000_000);
			return pg;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the embedded PostgreSQL under " + base, ex);
		}
	}

	@Bean
	DataSource dataSource(EmbeddedPostgres pg) {
		HikariDataSource ds = DataSourceBuilder.create()
			.type(HikariDataSource.class)
			.url(pg.getJdbcUrl("postgres", "postgres"))
			.username("postgres")
			.build();
		ds.setPoolName("embedded");
		ds.setMaximumPoolSize(10);
		return ds;
	}

	static class NoDataSourceUrl implements org.springframework.context.annotation.Condition {
		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"));
		}
	}
}
