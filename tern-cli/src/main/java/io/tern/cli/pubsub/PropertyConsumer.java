package io.tern.cli.pubsub;

import java.util.ArrayList;
import java.util.List;
import java.util.Stack;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Takes the arguments of one {@code -D}: three ({@code COMMAND PROPERTY VALUE}), or four for a user
 * property ({@code COMMAND user-property NAME VALUE}), as mosquitto_pub and mosquitto_sub do.
 */
final class PropertyConsumer implements IParameterConsumer {
    @Override
    public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec commandSpec) {
        String option = "-D";
        if (args.size() < 3) {
            throw new ParameterException(commandSpec.commandLine(),
                    option + " needs COMMAND PROPERTY VALUE (or COMMAND user-property NAME VALUE)");
        }
        String command = args.pop();
        String property = args.pop();
        List<String> values = new ArrayList<>(List.of(args.pop()));
        if (property.equalsIgnoreCase("user-property")) {
            if (args.isEmpty()) {
                throw new ParameterException(commandSpec.commandLine(),
                        option + " " + command + " user-property needs a NAME and a VALUE");
            }
            values.add(args.pop());
        }
        try {
            List<PropertyOption> options = argSpec.getValue();
            options.add(PropertyOption.parse(command, property, values.toArray(String[]::new)));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(commandSpec.commandLine(), "-D " + command + " " + property + ": "
                    + e.getMessage());
        }
    }
}
