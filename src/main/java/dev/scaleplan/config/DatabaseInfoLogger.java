package dev.scaleplan.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.beans.factory.annotation.Value;

/** Says which PostgreSQL the service uses when it is not the embedded one. */
@Component
@ConditionalOnProperty("spring.datasource.url")
class DatabaseInfoLogger {

    private static final Logger log = LoggerFactory.getLogger(DatabaseInfoLogger.class);

    private final String url;

    DatabaseInfoLogger(@Value("${spring.datasource.url}") String url) {
        this.url = url;
    }

    @EventListener(ApplicationReadyEvent.class)
    void logDatabase() {
        log.info("Database: external PostgreSQL at {}", url.replaceAll("password=[^&]*", "password=***"));
    }
}
