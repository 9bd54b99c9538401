package dev.scaleplan;

import java.io.File;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.scaleplan.client.ApiClient;
import dev.scaleplan.client.ApiException;
import dev.scaleplan.client.api.AcceleratorsApi;
import dev.scaleplan.client.api.FitsApi;
import dev.scaleplan.client.api.PlansApi;
import dev.scaleplan.client.api.ProjectsApi;
import dev.scaleplan.client.api.RunsApi;
import dev.scaleplan.client.model.Budget;
import dev.scaleplan.client.model.CreateProjectRequest;
import dev.scaleplan.client.model.Curve;
import dev.scaleplan.client.model.Fit;
import dev.scaleplan.client.model.FitRequest;
import dev.scaleplan.client.model.IngestResult;
import dev.scaleplan.client.model.Plan;
import dev.scaleplan.client.model.PlanRequest;
import dev.scaleplan.client.model.Point;
import dev.scaleplan.client.model.Prediction;
import dev.scaleplan.client.model.Problem;
import dev.scaleplan.client.model.Project;
import dev.scaleplan.client.model.RunUpload;
import dev.scaleplan.support.AdminKey;
import dev.scaleplan.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.scaleplan.fitting.SyntheticRuns.BESIROGLU;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.withinPercentage;

/**
 * The README's worked example, walked by the Java client generated from {@code openapi/openapi.yaml}
 * (openapi-generator, {@code native} library) against the running service on a real PostgreSQL.
 */
@IntegrationTest
class ScaleplanClientIT {

    private static final String PROJECT = "client-walk";

    @LocalServerPort
    int port;

    @Test
    void generatedClientWalksTheWorkedExample() throws Exception {
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://localhost:" + port);
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + AdminKey.SECRET));

        Project project = new ProjectsApi(client).createProject(new CreateProjectRequest()
                .id(PROJECT).name("Client walk").flopsPerToken(6.0));
        assertThat(project.getId()).isEqualTo(PROJECT);

        RunsApi runs = new RunsApi(client);
        IngestResult json = runs.uploadRuns(PROJECT, List.of(
                new RunUpload().externalId("s1-r1").parameters(4.0e8).tokens(8.0e9).loss(2.61).dataset("web-v2")
                        .tags(Map.of("sweep", "1")),
                new RunUpload().externalId("s1-r2").parameters(1.0e9).tokens(2.0e10).loss(2.38).dataset("web-v2")
                        .tags(Map.of("sweep", "1"))));
        assertThat(json.getCreated()).isEqualTo(2);

        // A body with two media types gets one typed method (JSON); CSV goes through the same ApiClient.
        HttpResponse<String> csv = uploadCsv(client, chinchillaSweep());
        assertThat(csv.statusCode()).isEqualTo(201);
        File export = runs.exportRuns(PROJECT, "web-v2", null, null);
        assertThat(Files.readString(export.toPath())).startsWith("id,externalId,parameters")
                .contains("s1-r1", "s1-r2");

        FitsApi fits = new FitsApi(client);
        Fit fit = fits.createFit(PROJECT, new FitRequest().form(FitRequest.FormEnum.CHINCHILLA)
                .bootstrap(30).confidenceLevel(0.9).seed(42L), 60);
        assertThat(fit.getRunsUsed()).isGreaterThan(40);
        assertThat(fits.getLatestFit(PROJECT, "chinchilla").getId()).isEqualTo(fit.getId());

        Prediction prediction = fits.predictLoss(PROJECT, fit.getId(), new BigDecimal("7e10"),
                new BigDecimal("1.4e12"), null, "prediction", null, null, null, null);
        assertThat(prediction.getBand()).isEqualTo("prediction");
        assertThat(prediction.getLower()).isLessThan(prediction.getLoss());
        assertThat(prediction.getUpper()).isGreaterThan(prediction.getLoss());
        assertThat(prediction.getExtrapolation().getOutsideObservedRange()).isTrue();
        assertThat(prediction.getExtrapolation().getNote()).contains("outside the fitted runs");

        Curve curve = fits.getCurve(PROJECT, fit.getId(), "flops", new BigDecimal("1e19"), new BigDecimal("1e23"),
                5, null, "confidence");
        assertThat(curve.getPoints()).extracting(Point::getX).containsExactly(1e19, 1e20, 1e21, 1e22, 1e23);
        // … and print as typed: not 1.0000000000000033E19 (log-space rounding), not 9.999999999999999E22 (JDK 17).
        assertThat(get(client, "/fits/" + fit.getId() + "/curve?axis=flops&from=1e19&to=1e23&points=5"))
                .contains("\"x\":1.0E19,", "\"x\":1.0E20,", "\"x\":1.0E22,", "\"x\":1.0E23,");

        Plan plan = new PlansApi(client).createPlan(PROJECT, new PlanRequest()
                .objective(PlanRequest.ObjectiveEnum.COMPUTE_OPTIMAL)
                .budget(new Budget().accelerator("h100-sxm").count(1024L).hours(720.0).pricePerHour(2.5)));
        assertThat(plan.getHardware().getAccelerator()).isEqualTo("h100-sxm");
        assertThat(plan.getCost()).isEqualTo(1024 * 720 * 2.5);
        assertThat(plan.getParameters() * plan.getTokens() * 6).isCloseTo(plan.getFlops(),
                withinPercentage(1e-6));
        assertThat(new AcceleratorsApi(client).listAccelerators()).extracting("id").contains("h100-sxm");

        // Without bootstrap draws there are no bootstrap intervals: lower and upper are null, declared nullable and
        // required. (Beyond the fitted runs the default band is the calibrated one, so the bootstrap band is asked for.)
        Fit pointFit = fits.createFit(PROJECT, new FitRequest().form(FitRequest.FormEnum.CHINCHILLA).bootstrap(0), 60);
        assertThat(pointFit.getParameters().get("E").getEstimate()).isPositive();
        assertThat(pointFit.getParameters().get("E").getLower()).isNull();
        assertThat(pointFit.getParameters().get("E").getUpper()).isNull();
        Prediction point = fits.predictLoss(PROJECT, pointFit.getId(), new BigDecimal("7e10"), new BigDecimal("1.4e12"),
                null, "confidence", null, null, null, null);
        assertThat(point.getLoss()).isPositive();
        assertThat(point.getLower()).isNull();
        Plan pointPlan = new PlansApi(client).createPlan(PROJECT, new PlanRequest().fitId(pointFit.getId())
                .objective(PlanRequest.ObjectiveEnum.COMPUTE_OPTIMAL).budget(new Budget().flops(1e22))
                .band(PlanRequest.BandEnum.CONFIDENCE));
        assertThat(pointPlan.getPredictedLoss().getLower()).isNull();

        ApiException error = catchThrowableOfType(ApiException.class,
                () -> fits.predictLoss(PROJECT, fit.getId(), null, new BigDecimal("1e12"), null, "confidence", null, null, null, null));
        assertThat(error.getCode()).isEqualTo(400);
        Problem problem = client.getObjectMapper().readValue(error.getResponseBody(), Problem.class);
        assertThat(problem.getType()).isEqualTo(URI.create("https://scaleplan.dev/problems/validation"));
        assertThat(problem.getStatus()).isEqualTo(400);
        assertThat(problem.getErrors()).extracting("field").containsExactly("parameters");
    }

    private static String get(ApiClient client, String path) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(client.getBaseUri() + "/api/v1/projects/"
                + PROJECT + path));
        client.getRequestInterceptor().accept(request);
        return client.getHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static HttpResponse<String> uploadCsv(ApiClient client, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(client.getBaseUri() + "/api/v1/projects/"
                        + PROJECT + "/runs"))
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(body));
        client.getRequestInterceptor().accept(request);
        return client.getHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The README's synthetic sweep: Besiroglu et al.'s Chinchilla law with ~1% noise, as CSV. */
    private static String chinchillaSweep() {
        Random random = new Random(1);
        List<String> lines = new ArrayList<>(List.of("parameters,tokens,loss,dataset"));
        for (double n = 7e7; n <= 1.6e10; n *= 1.8) {
            for (double r = 5; r <= 80; r *= 2) {
                double d = n * r;
                double loss = BESIROGLU.loss(n, d);
                lines.add(n + "," + d + "," + loss * Math.exp(0.01 * random.nextGaussian()) + ",web-v2");
            }
        }
        return String.join("\n", lines) + "\n";
    }
}
