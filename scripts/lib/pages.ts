// Every page of a list call, through the SDK's paginators (paginateListUsers, …).
import { call } from './errors.ts';

/** All items of every page; a failure on any page is a CognitoCallError naming the action. */
export function collectPages<Page, Item>(
  action: string,
  pages: AsyncIterable<Page>,
  items: (page: Page) => Item[] | undefined,
): Promise<Item[]> {
  return call(action, async () => {
    const all: Item[] = [];
    for await (const page of pages) all.push(...(items(page) ?? []));
    return all;
  });
}

/**
 * For a paginator's `withCommand`: the paginators send every page with one input object that they
 * update in place, so each request would show the last page's token afterwards (in the AWS SDK
 * mocks, in logging middleware); this gives every request a copy of its own input.
 */
export const ownInput =
  <Input extends object, C extends { input: Input }>(Command: new (input: Input) => C) =>
  (command: { input: Input }): C =>
    new Command({ ...command.input });
