// A modal dialog (Radix's, loaded when it first opens): the parts live in lazy-dialog.tsx, beside the alert dialog's
// and the sheet's, so the three share one small module.
export {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "#web/components/ui/lazy-dialog.tsx";
