// Runs every CppUnit suite registered in this executable. Usage: test_<suite> [TestName ...]
// Prints "N passed, N failed" and exits non-zero when any test failed.
#include <cppunit/BriefTestProgressListener.h>
#include <cppunit/CompilerOutputter.h>
#include <cppunit/TestResult.h>
#include <cppunit/TestResultCollector.h>
#include <cppunit/TestRunner.h>
#include <cppunit/extensions/TestFactoryRegistry.h>

#include <iostream>

int main(int argc, char** argv) {
    CppUnit::TestResult controller;
    CppUnit::TestResultCollector collector;
    controller.addListener(&collector);
    CppUnit::BriefTestProgressListener progress;
    controller.addListener(&progress);

    CppUnit::TestRunner runner;
    CppUnit::Test* all = CppUnit::TestFactoryRegistry::getRegistry().makeTest();
    if (argc > 1) {
        for (int i = 1; i < argc; ++i) runner.addTest(all->findTest(argv[i]));
    } else {
        runner.addTest(all);
    }
    runner.run(controller);

    CppUnit::CompilerOutputter outputter(&collector, std::cerr);
    outputter.write();
    int failed = collector.testErrors() + collector.testFailures();
    int run = collector.runTests();
    std::cout << (run - failed) << " passed, " << failed << " failed" << std::endl;
    return failed == 0 ? 0 : 1;
}
