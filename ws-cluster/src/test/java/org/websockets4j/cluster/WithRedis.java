package org.websockets4j.cluster;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The cluster tests' base: a throwaway Redis of their own for each test class. */
abstract class WithRedis {
    /** The class's Redis; a test may kill and restart it. */
    static RedisProcess redis;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisProcess.start();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        if (redis != null) {
            redis.close();
            redis = null;
        }
    }
}
