package dev.scaleplan;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** scaleplan: training-run planning with neural scaling laws. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ScaleplanApplication {

    public static void main(String[] args) {
        SpringApplication.run(ScaleplanApplication.class, args);
    }
}
