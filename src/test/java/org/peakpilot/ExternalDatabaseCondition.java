package org.peakpilot;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For the run against an external PostgreSQL: when the server is unreachable, tests are skipped on a
 * developer's machine but fail when {@code CI} is set, so CI never passes without having run against it.
 */
public class ExternalDatabaseCondition implements ExecutionCondition {

	private static Boolean reachable;

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		if (!TestDatabase.external()) {
			return ConditionEvaluationResult.enabled("embedded PostgreSQL");
		}
		synchronized (ExternalDatabaseCondition.class) {
			if (reachable == null) {
				reachable = TestDatabase.externalReachable();
			}
		}
		if (reachable) {
			return ConditionEvaluationResult.enabled("external PostgreSQL at " + TestDatabase.externalUrl());
		}
		String ci = System.getenv("CI");
		if (ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false")) {
			throw new ExtensionConfigurationException("CI is set but the external PostgreSQL at " + TestDatabase.externalUrl()
					+ " is unreachable: the suite must run against it");
		}
		return ConditionEvaluationResult.disabled("external PostgreSQL at " + TestDatabase.externalUrl()
				+ " is unreachable; skipped outside CI");
	}
}
