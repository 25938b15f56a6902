package org.peakpilot.platform;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every {@code @Scheduled} job of every module runs once per tick across all instances (issue 16): a job method
 * carries {@code @SchedulerLock(name = "<module>.<job>", lockAtMostFor = ...)} and takes that row of the table
 * {@code shedlock} for the run. Times come from the database ({@code usingDbTime}), so instances with drifting
 * clocks agree. {@code lockAtMostFor} bounds how long a dead instance keeps a job from running; it must exceed the
 * job's longest run. The default below applies where a job names none.
 */
@Configuration(proxyBeanMethods = false)
@EnableSchedulerLock(defaultLockAtMostFor = "PT30M")
class SchedulerLocks {

	@Bean
	LockProvider schedulerLockProvider(DataSource dataSource) {
		return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
				.withJdbcTemplate(new JdbcTemplate(dataSource))
				.withTableName("shedlock")
				.usingDbTime()
				.build());
	}
}
